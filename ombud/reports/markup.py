"""A small, safe Markdown subset: headings, paragraphs, lists, emphasis and links.

Text is parsed into blocks of inline runs; the HTML and DOCX renderers both draw from them, so
nothing the author writes reaches the output unescaped. Supported:
`# heading` (to `###`), blank-line paragraphs, `- item` / `* item` and `1. item` lists,
`**bold**`, `*italic*` / `_italic_`, `[text](https://…)` (http, https and mailto only).
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+[.)]\s+(.*)$")
_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*"
    r"|(?<!\w)_(?P<em2>[^_\s](?:[^_]*[^_\s])?)_(?!\w)"
    r"|\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)\)"
)
_SAFE_HREF = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "bullets", "numbers"
    level: int = 0
    items: list[list[Run]] = field(default_factory=list)


def inline(text: str) -> list[Run]:
    runs: list[Run] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()]))
        if m.group("bold") is not None:
            runs.append(Run(m.group("bold"), bold=True))
        elif m.group("em") is not None or m.group("em2") is not None:
            runs.append(Run(m.group("em") or m.group("em2"), italic=True))
        else:
            href = m.group("href")
            runs.append(Run(m.group("text"), href=href if _SAFE_HREF.match(href) else ""))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs


def parse(text: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", items=[inline(" ".join(paragraph))]))
            paragraph.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        list_kind, content = _list_item(line)
        if (heading := _HEADING.match(line)) is not None:
            flush()
            blocks.append(Block("heading", len(heading.group(1)), [inline(heading.group(2))]))
        elif list_kind:
            flush()
            if not blocks or blocks[-1].kind != list_kind or paragraph:
                blocks.append(Block(list_kind))
            blocks[-1].items.append(inline(content))
        else:
            if blocks and blocks[-1].kind in ("bullets", "numbers") and not paragraph:
                # A plain line right after a list starts a new paragraph.
                pass
            paragraph.append(line)
    flush()
    return blocks


def _list_item(line: str) -> tuple[str, str]:
    if (m := _BULLET.match(line)) is not None and not line.startswith("**"):
        return "bullets", m.group(1)
    if (m := _NUMBERED.match(line)) is not None:
        return "numbers", m.group(1)
    return "", ""


def runs_html(runs: list[Run]) -> str:
    parts = []
    for run in runs:
        html: str = escape(run.text)
        if run.bold:
            html = f"<strong>{html}</strong>"
        if run.italic:
            html = f"<em>{html}</em>"
        if run.href:
            html = f'<a href="{escape(run.href)}">{html}</a>'
        parts.append(html)
    return "".join(parts)
