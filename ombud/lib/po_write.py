"""Write a small .po file from a {msgid: msgstr} mapping (used to keep translation parts)."""

from pathlib import Path

HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Language: da\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def write_po(path: Path, entries: dict[str, str]) -> None:
    body = "".join(
        f"msgid {_quote(msgid)}\nmsgstr {_quote(msgstr)}\n\n" for msgid, msgstr in entries.items()
    )
    path.write_text(HEADER + body, encoding="utf-8")
