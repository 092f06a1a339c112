"""The municipality's taxonomy, looked up by label (a handful of queries for the whole file).

With `create_missing`, unknown labels become new entries, saved only when the import is stored.
"""

from collections import defaultdict
from typing import Any, TypeVar, cast

from django.db.models import Model
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality
from ombud.cases.exchange.parsing import label_key
from ombud.cases.models import (
    CaseKind,
    Centre,
    Channel,
    ExternalBody,
    HandlingType,
    Outcome,
    RejectionGround,
    Theme,
    ThemeGroup,
)

_M = TypeVar("_M", bound=Model)


def _all(model: type[_M], municipality: Municipality) -> list[_M]:
    # The taxonomy managers are typed for the abstract base; the rows are the subclass.
    manager: Any = model._default_manager
    return cast(list[_M], list(manager.filter(municipality=municipality)))


CATCH_ALL_THEME_GROUP = "Øvrige forhold"


class UnknownLabelError(Exception):
    pass


class _Taxonomy:
    def __init__(self, municipality: Municipality, *, create_missing: bool) -> None:
        self.municipality = municipality
        self.create_missing = create_missing
        self.new: list[Model] = []
        self.new_labels: list[str] = []
        self.simple: dict[type[Model], dict[str, Any]] = {}
        for model in (Centre, ExternalBody, RejectionGround, Outcome):
            self.simple[model] = {label_key(o.label): o for o in _all(model, municipality)}
        self.channels: dict[str, Channel] = {}
        for channel in _all(Channel, municipality):
            self.channels[label_key(channel.label)] = channel
            if channel.code:
                self.channels.setdefault(label_key(channel.code), channel)
        self.handling: dict[tuple[str, str], HandlingType] = {
            (h.applies_to, label_key(h.label)): h for h in _all(HandlingType, municipality)
        }
        self.groups = {label_key(g.label): g for g in _all(ThemeGroup, municipality)}
        self.themes: dict[tuple[str, str], Theme] = {}
        self.themes_by_label: dict[str, list[Theme]] = defaultdict(list)
        themes: Any = Theme._default_manager.filter(municipality=municipality)
        themes = themes.select_related("group")
        for theme in cast(list[Theme], list(themes)):
            self.themes[(label_key(theme.group.label), label_key(theme.label))] = theme
            self.themes_by_label[label_key(theme.label)].append(theme)

    def _add(self, obj: Model, description: str) -> None:
        self.new.append(obj)
        self.new_labels.append(description)

    def entry(self, model: type[Model], text: str) -> Any:
        key = label_key(text)
        found = self.simple[model].get(key)
        if found is not None:
            return found
        if not self.create_missing:
            raise UnknownLabelError(_("This label is not in the municipality's list."))
        found = model(municipality=self.municipality, label=text.strip())
        self.simple[model][key] = found
        self._add(found, f"{model._meta.verbose_name}: {text.strip()}")
        return found

    def channel(self, text: str) -> Channel:
        found = self.channels.get(label_key(text))
        if found is not None:
            return found
        if not self.create_missing:
            raise UnknownLabelError(_("This channel is not in the municipality's list."))
        found = Channel(municipality=self.municipality, label=text.strip())
        self.channels[label_key(text)] = found
        self._add(found, f"{Channel._meta.verbose_name}: {text.strip()}")
        return found

    def handling_for(self, kind: str, text: str) -> HandlingType:
        key = label_key(text)
        found = self.handling.get((kind, key))
        if found is not None:
            return found
        if not self.create_missing:
            other = CaseKind.INQUIRY if kind == CaseKind.COMPLAINT else CaseKind.COMPLAINT
            wrong_kind = self.handling.get((other, key))
            if wrong_kind is not None:
                return wrong_kind  # the case rules explain the mismatch
            raise UnknownLabelError(_("This handling is not in the municipality's list."))
        is_rejection = key.startswith(("afvis", "reject"))
        found = HandlingType(
            municipality=self.municipality,
            label=text.strip(),
            applies_to=kind,
            is_rejection=is_rejection,
        )
        self.handling[(kind, key)] = found
        self._add(found, f"{HandlingType._meta.verbose_name}: {text.strip()}")
        return found

    def theme(self, group_text: str | None, text: str) -> Theme:
        key = label_key(text)
        if group_text is None:
            matches = self.themes_by_label.get(key, [])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                groups = ", ".join(sorted(t.group.label for t in matches))
                raise UnknownLabelError(
                    _("The theme is in several groups (%(groups)s); write Group > Theme.")
                    % {"groups": groups}
                )
            group_text = CATCH_ALL_THEME_GROUP
            if not self.create_missing:
                raise UnknownLabelError(
                    _("This complaint theme is not in the municipality's list.")
                )
        group_key = label_key(group_text)
        found = self.themes.get((group_key, key))
        if found is not None:
            return found
        if not self.create_missing:
            if group_key not in self.groups:
                raise UnknownLabelError(_("The theme group is not in the municipality's list."))
            raise UnknownLabelError(_("This complaint theme is not in the municipality's list."))
        group = self._group(group_text)
        found = Theme(municipality=self.municipality, group=group, label=text.strip())
        self.themes[(group_key, key)] = found
        self.themes_by_label[key].append(found)
        self._add(found, f"{Theme._meta.verbose_name}: {group.label} > {text.strip()}")
        return found

    def _group(self, text: str) -> ThemeGroup:
        key = label_key(text)
        group = self.groups.get(key)
        if group is None:
            group = ThemeGroup(municipality=self.municipality, label=text.strip())
            self.groups[key] = group
            self._add(group, f"{ThemeGroup._meta.verbose_name}: {text.strip()}")
        return group

    def save_new(self) -> None:
        # Groups come before their themes in `new`, so the foreign keys are set in order.
        for obj in self.new:
            obj.save()
