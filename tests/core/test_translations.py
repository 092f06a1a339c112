"""The Danish catalogue is complete and compiled: Danish is the default language."""

import gettext
from pathlib import Path

from django.conf import settings
from django.utils import translation

from ombud.lib.po_check import untranslated

LOCALE = Path(settings.BASE_DIR) / "locale" / "da" / "LC_MESSAGES"


def test_it_has_no_untranslated_danish_entries() -> None:
    missing = untranslated((LOCALE / "django.po").read_text(encoding="utf-8"))
    assert missing == [], f"Run `make messages` and translate: {missing[:20]}"


def test_it_counts_an_untranslated_plural_form_as_missing() -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Language: da\\n"\n\n'
        'msgid "Cases"\nmsgstr "Sager"\n\n'
        '#, python-format\nmsgid "%(n)s person"\nmsgid_plural "%(n)s people"\n'
        'msgstr[0] "%(n)s person"\nmsgstr[1] ""\n\n'
        '#, fuzzy\nmsgid "Close"\nmsgstr "Luk"\n\n'
        '#~ msgid "Old"\n#~ msgstr ""\n'
    )
    assert untranslated(po) == ["%(n)s person", "Close"]


def test_it_translates_plural_forms() -> None:
    with translation.override("da"):
        assert translation.ngettext("Waiting: %(n)s person", "Waiting: %(n)s people", 3) == (
            "Venter: %(n)s personer"
        )


def test_it_has_compiled_every_entry() -> None:
    import re

    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    with (LOCALE / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    singles = re.findall(r'^msgid "(.+)"\nmsgstr "', po, flags=re.M)
    not_compiled = [
        m for m in singles if catalogue.gettext(m.replace('\\"', '"')) == m.replace('\\"', '"')
    ]
    # A few msgids are the same in both languages (e.g. "Administrator", "E-mail", "status").
    same = {
        m
        for m in singles
        if re.search(rf'^msgid "{re.escape(m)}"\nmsgstr "{re.escape(m)}"$', po, re.M)
    }
    assert [m for m in not_compiled if m not in same] == [], "Run `make messages` to compile"


def test_it_speaks_danish_by_default() -> None:
    assert settings.LANGUAGE_CODE == "da"
    with translation.override("da"):
        assert translation.gettext("Cases") == "Sager"


def test_it_accepts_a_plural_entry_once_every_form_is_translated() -> None:
    po = (
        'msgid "%(n)d case"\nmsgid_plural "%(n)d cases"\nmsgstr[0] "%(n)d sag"\nmsgstr[1] ""\n\n'
        'msgid "Yes"\nmsgstr "Ja"\n'
    )
    assert untranslated(po) == ["%(n)d case"]
    assert untranslated(po.replace('msgstr[1] ""', 'msgstr[1] "%(n)d sager"')) == []
