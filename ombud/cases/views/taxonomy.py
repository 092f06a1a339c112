"""The settings page: each municipality edits its own taxonomy.

Every action is a POST that, for htmx, answers with the re-rendered section of the page (plus an
out-of-band status message); without JavaScript it redirects back to the section.
"""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.cases import services
from ombud.cases.forms.taxonomy import TaxonomyEntryForm
from ombud.cases.models import ThemeGroup
from ombud.cases.selectors.taxonomy import (
    TaxonomyKind,
    taxonomy_entries,
    taxonomy_entry_get,
    taxonomy_kind_get,
    taxonomy_sections,
)
from ombud.core.htmx import render_page

PAGE = "cases/taxonomy.html"
THEMES = "klagetemaer"  # the slug of the themes' list


def _form(request: MunicipalityRequest, kind: TaxonomyKind, **kwargs: Any) -> TaxonomyEntryForm:
    return TaxonomyEntryForm(kind=kind, municipality=request.municipality, **kwargs)


def _section(
    request: MunicipalityRequest,
    kind: TaxonomyKind,
    *,
    form: TaxonomyEntryForm | None = None,
    focus_id: str = "",
    message: str = "",
    error: bool = False,
) -> HttpResponse:
    """The re-rendered section for htmx; otherwise back to the page (or the form, if invalid)."""
    if not request.htmx:  # type: ignore[attr-defined]
        if form is not None and form.errors:
            return render_page(request, "cases/taxonomy_form.html", {"kind": kind, "form": form})
        if message:
            (messages.error if error else messages.success)(request, message)
        return redirect(
            reverse("cases:taxonomy", args=[request.municipality.slug]) + f"#{kind.html_id}"
        )
    context = {
        "kind": kind,
        "entries": taxonomy_entries(request.municipality, kind),
        "form": form or _form(request, kind),
        "focus_id": focus_id,
        "message": message,
        "error": error,
        "oob": True,
    }
    response = render_page(request, PAGE, context, partial="section")
    if kind.model is ThemeGroup:
        _append_themes_section(request, response)
    return reswap(retarget(response, f"#{kind.html_id}"), "outerHTML")


def _append_themes_section(request: MunicipalityRequest, response: HttpResponse) -> None:
    """A change to the groups shows in the themes' list too (their status, order, group choices):
    send that section out of band."""
    themes = taxonomy_kind_get(THEMES)
    context = {
        "kind": themes,
        "entries": taxonomy_entries(request.municipality, themes),
        "form": _form(request, themes),
        "oob_section": True,
    }
    response.content += render_to_string(f"{PAGE}#section", context, request).encode()


@municipality_view(get=Capability.EDIT_TAXONOMY)
def taxonomy(request: MunicipalityRequest) -> HttpResponse:
    if request.htmx and request.GET.get("section"):  # type: ignore[attr-defined]
        return _section(request, taxonomy_kind_get(request.GET["section"]))
    sections = [
        (kind, entries, _form(request, kind))
        for kind, entries in taxonomy_sections(request.municipality)
    ]
    return render_page(request, PAGE, {"sections": sections, "nav_active": "taxonomy"})


@municipality_view(post=Capability.EDIT_TAXONOMY)
def taxonomy_add(request: MunicipalityRequest, kind: str) -> HttpResponse:
    tkind = taxonomy_kind_get(kind)
    form = _form(request, tkind, data=request.POST)
    if form.is_valid():
        try:
            entry = services.taxonomy_entry_add(
                actor=request.user,
                municipality=request.municipality,
                model=tkind.model,
                label=form.cleaned_data["label"],
                **tkind.scope,
                **form.entry_fields(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            message = _("“%(label)s” was added.") % {"label": entry.label}
            return _section(
                request, tkind, focus_id=f"{tkind.slug}-{entry.public_id}-edit", message=message
            )
    return _section(request, tkind, form=form, focus_id=f"id_{tkind.slug}-label")


@municipality_view(get=Capability.EDIT_TAXONOMY, post=Capability.EDIT_TAXONOMY)
def taxonomy_edit(request: MunicipalityRequest, kind: str, public_id: UUID) -> HttpResponse:
    tkind = taxonomy_kind_get(kind)
    entry = taxonomy_entry_get(request.municipality, tkind, public_id)
    initial = {"label": entry.label, **{name: getattr(entry, name) for name in tkind.fields}}
    form = _form(
        request,
        tkind,
        data=request.POST if request.method == "POST" else None,
        initial=initial,
        prefix=f"{tkind.slug}-{entry.public_id}",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.taxonomy_entry_update(
                actor=request.user,
                entry=entry,
                label=form.cleaned_data["label"],
                **form.entry_fields(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            message = _("The entry is now called “%(label)s”.") % {"label": entry.label}
            return _section(
                request, tkind, focus_id=f"{tkind.slug}-{entry.public_id}-edit", message=message
            )
    context = {"kind": tkind, "entry": entry, "form": form}
    return render_page(request, "cases/taxonomy_form.html", context, partial="edit_row")


def _entry_action(
    request: MunicipalityRequest,
    kind: str,
    public_id: UUID,
    action: Callable[..., Any],
    done: str,
    focus: str,
    **kwargs: Any,
) -> HttpResponse:
    tkind = taxonomy_kind_get(kind)
    entry = taxonomy_entry_get(request.municipality, tkind, public_id)
    label = entry.label
    try:
        action(actor=request.user, entry=entry, **kwargs)
    except ValidationError as exc:
        return _section(request, tkind, message=" ".join(exc.messages), error=True)
    focus_id = f"{tkind.slug}-{entry.public_id}-{focus}" if focus else ""
    return _section(request, tkind, focus_id=focus_id, message=done % {"label": label})


@municipality_view(post=Capability.EDIT_TAXONOMY)
def taxonomy_retire(request: MunicipalityRequest, kind: str, public_id: UUID) -> HttpResponse:
    done = _("“%(label)s” is retired. Old cases keep it.")
    return _entry_action(request, kind, public_id, services.taxonomy_entry_retire, done, "toggle")


@municipality_view(post=Capability.EDIT_TAXONOMY)
def taxonomy_reactivate(request: MunicipalityRequest, kind: str, public_id: UUID) -> HttpResponse:
    done = _("“%(label)s” is in use again.")
    return _entry_action(
        request, kind, public_id, services.taxonomy_entry_reactivate, done, "toggle"
    )


@municipality_view(post=Capability.EDIT_TAXONOMY)
def taxonomy_move(request: MunicipalityRequest, kind: str, public_id: UUID) -> HttpResponse:
    direction = "up" if request.POST.get("direction") == "up" else "down"
    done = _("“%(label)s” was moved up.") if direction == "up" else _("“%(label)s” was moved down.")
    action = services.taxonomy_entry_move
    return _entry_action(request, kind, public_id, action, done, direction, direction=direction)


@municipality_view(post=Capability.EDIT_TAXONOMY)
def taxonomy_delete(request: MunicipalityRequest, kind: str, public_id: UUID) -> HttpResponse:
    done = _("“%(label)s” was deleted.")
    return _entry_action(request, kind, public_id, services.taxonomy_entry_delete, done, "")


urlpatterns = [
    path("indstillinger/", taxonomy, name="taxonomy"),
    path("indstillinger/<slug:kind>/", taxonomy_add, name="taxonomy_add"),
    path(
        "indstillinger/<slug:kind>/<uuid:public_id>/rediger/", taxonomy_edit, name="taxonomy_edit"
    ),
    path(
        "indstillinger/<slug:kind>/<uuid:public_id>/udgaa/", taxonomy_retire, name="taxonomy_retire"
    ),
    path(
        "indstillinger/<slug:kind>/<uuid:public_id>/genaktiver/",
        taxonomy_reactivate,
        name="taxonomy_reactivate",
    ),
    path("indstillinger/<slug:kind>/<uuid:public_id>/flyt/", taxonomy_move, name="taxonomy_move"),
    path(
        "indstillinger/<slug:kind>/<uuid:public_id>/slet/", taxonomy_delete, name="taxonomy_delete"
    ),
]
