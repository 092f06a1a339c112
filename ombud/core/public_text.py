"""Per-municipality public texts in Danish with an optional English twin.

The public pages are Danish with English. A municipality writes its texts in Danish and may add
an English version; the built-in defaults are gettext strings and follow the language. When the
page is in English and a municipality's own text has no English version, the Danish text is
shown marked `lang="da"`, so a screen reader pronounces it as Danish.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

ENGLISH_HELP = gettext_lazy(
    "Optional. Shown when a visitor has chosen English; if left empty, English visitors see the "
    "Danish text."
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

DANISH = "da"


def english_twin(verbose_name: "str | _StrPromise") -> "models.TextField[str, str]":
    """The optional English version `X_en` of a public text field `X`."""
    return models.TextField(verbose_name, blank=True, help_text=ENGLISH_HELP)


@dataclass(frozen=True)
class PublicText:
    text: str
    # The language of the text when it differs from the page's, else "".
    lang: str = ""

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def lang_attr(self) -> SafeString:
        """` lang="da"` for the element that holds the text, or nothing."""
        return format_html(' lang="{}"', self.lang) if self.lang else SafeString("")

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


def page_is_english() -> bool:
    return (translation.get_language() or DANISH).split("-")[0] == "en"


def public_text(danish: str, english: str, default: str | Promise = "") -> PublicText:
    """The text to show in the active language (see the module's docstring)."""
    if page_is_english():
        if english.strip():
            return PublicText(english)
        if danish.strip():
            return PublicText(danish, DANISH)
    elif danish.strip():
        return PublicText(danish)
    return PublicText(str(default))
