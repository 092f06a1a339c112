"""Report untranslated or fuzzy entries in a .po file (used by `make messages` and the tests)."""

import re
import sys
from pathlib import Path

_ENTRY = re.compile(r'(#,[^\n]*\n)?msgid ((?:"[^\n]*"\n?)+)msgstr ((?:"[^\n]*"\n?)+)', re.M)


def untranslated(po_text: str) -> list[str]:
    missing = []
    for match in _ENTRY.finditer(po_text):
        flags, msgid, msgstr = match.groups()
        msgid_text = "".join(re.findall(r'"(.*)"', msgid))
        if not msgid_text:
            continue  # the header
        if "".join(re.findall(r'"(.*)"', msgstr)) == "" or (flags and "fuzzy" in flags):
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
