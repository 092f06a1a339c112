"""Report untranslated or fuzzy entries in a .po file (used by `make messages` and the tests)."""

import re
import sys
from pathlib import Path

_QUOTED = re.compile(r'"(.*)"')
# A keyword line (msgid, msgid_plural, msgstr, msgstr[0], ...) and the string that starts on it.
_KEYWORD = re.compile(r"^(msgid|msgid_plural|msgstr(?:\[\d+\])?) ", re.M)


def _fields(entry: str) -> dict[str, str]:
    """The entry's keywords mapped to their (joined) strings."""
    fields: dict[str, str] = {}
    keyword = ""
    for line in entry.splitlines():
        if line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword = match.group(1)
            fields[keyword] = ""
        if keyword:
            fields[keyword] += "".join(_QUOTED.findall(line))
    return fields


def untranslated(po_text: str) -> list[str]:
    """msgids with an empty translation (any plural form counts) or marked fuzzy."""
    missing = []
    for entry in re.split(r"\n\s*\n", po_text):
        fields = _fields(entry)
        msgid = fields.get("msgid", "")
        if not msgid:
            continue  # the header, or no entry at all
        is_fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in entry.splitlines())
        translations = [value for key, value in fields.items() if key.startswith("msgstr")]
        if is_fuzzy or not translations or any(value == "" for value in translations):
            missing.append(msgid)
    return missing


def main(path: str, *, strict: bool = False) -> int:
    missing = untranslated(Path(path).read_text(encoding="utf-8"))
    for msgid in missing:
        print(f"untranslated: {msgid}")
    print(f"{len(missing)} untranslated entries in {path}")
    return 1 if strict and missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[-1], strict="--strict" in sys.argv))
