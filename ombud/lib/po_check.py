"""Report untranslated or fuzzy entries in a .po file (used by `make messages` and the tests)."""

import re
import sys
from pathlib import Path

_STRING = r'(?:"[^\n]*"\n?)+'
# A plain entry (msgid, msgstr) or a plural one (msgid, msgid_plural, msgstr[0], msgstr[1], ...).
_ENTRY = re.compile(
    rf"(#,[^\n]*\n)?msgid ({_STRING})(?:msgid_plural {_STRING})?"
    rf"((?:msgstr(?:\[\d+\])? {_STRING})+)",
    re.M,
)
_FORM = re.compile(rf"msgstr(?:\[\d+\])? ({_STRING})")


def untranslated(po_text: str) -> list[str]:
    """msgids with an empty translation (any plural form counts) or marked fuzzy."""
    missing = []
    for match in _ENTRY.finditer(po_text):
        flags, msgid, msgstr = match.groups()
        msgid_text = "".join(re.findall(r'"(.*)"', msgid))
        if not msgid_text:
            continue  # the header
        forms = ["".join(re.findall(r'"(.*)"', form)) for form in _FORM.findall(msgstr)]
        if "" in forms or (flags and "fuzzy" in flags):
            missing.append(msgid_text)
    return missing


def main(path: str, *, strict: bool = False) -> int:
    missing = untranslated(Path(path).read_text(encoding="utf-8"))
    for msgid in missing:
        print(f"untranslated: {msgid}")
    print(f"{len(missing)} untranslated entries in {path}")
    return 1 if strict and missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[-1], strict="--strict" in sys.argv))
