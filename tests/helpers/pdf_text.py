"""A small PDF text extractor for the PDFs WeasyPrint writes (no PDF library is installed).

It reads every object (also inside compressed object streams), maps each font resource name
to its ToUnicode CMap, and decodes the hex strings of the Tj/TJ operators in the page content
streams. Good enough to check that figures appear in the PDF text; not a general parser.
"""

import re
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*)\r?\nendstream", re.S)
_REF = re.compile(rb"/([\w.+-]+)\s+(\d+) 0 R")
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def _stream(body: bytes) -> bytes | None:
    m = _STREAM.search(body)
    if m is None:
        return None
    raw = m.group(1)
    if b"/FlateDecode" in body[: m.start()]:
        try:
            return zlib.decompress(raw)
        except zlib.error:
            return zlib.decompressobj().decompress(raw)
    return raw


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    objects: dict[int, tuple[bytes, bytes | None]] = {}
    for m in _OBJ.finditer(data):
        body = m.group(2)
        head = body.split(b"stream", 1)[0]
        objects[int(m.group(1))] = (head, _stream(body))
    for head, stream in list(objects.values()):
        if b"/ObjStm" not in head or stream is None:
            continue
        first = int(re.search(rb"/First\s+(\d+)", head).group(1))  # type: ignore[union-attr]
        numbers = [int(x) for x in stream[:first].split()]
        pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
        for i, (num, offset) in enumerate(pairs):
            end = first + pairs[i + 1][1] if i + 1 < len(pairs) else len(stream)
            objects[num] = (stream[first + offset : end], None)
    return objects


def _utf16(hexstr: bytes) -> str:
    return bytes.fromhex(hexstr.decode()).decode("utf-16-be", errors="replace")


def _cmap(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = _utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block
        ):
            start, stop = int(lo, 16), int(hi, 16)
            if dst.startswith(b"["):
                for i, item in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", dst)):
                    mapping[start + i] = _utf16(item)
            else:
                base = int(dst[1:-1], 16)
                for i in range(stop - start + 1):
                    mapping[start + i] = chr(base + i)
    return mapping


def pdf_text(data: bytes) -> str:
    objects = _objects(data)
    font_cmaps: dict[int, dict[int, str]] = {}
    for num, (head, _s) in objects.items():
        m = re.search(rb"/ToUnicode\s+(\d+) 0 R", head)
        if m is not None and b"/Font" in head:
            stream = objects.get(int(m.group(1)), (b"", None))[1]
            if stream is not None:
                font_cmaps[num] = _cmap(stream)
    names: dict[bytes, dict[int, str]] = {}
    for head, _s in objects.values():
        blocks = re.findall(rb"/Font\s*<<(.*?)>>", head, re.S)
        for ref in re.findall(rb"/Font\s+(\d+) 0 R", head):
            blocks.append(objects.get(int(ref), (b"", None))[0])
        for block in blocks:
            for name, ref in _REF.findall(block):
                if int(ref) in font_cmaps:
                    names[name] = font_cmaps[int(ref)]
    out: list[str] = []
    for _head, stream in objects.values():
        if stream is not None and b" Tf" in stream and (b"TJ" in stream or b"Tj" in stream):
            out.append(_content_text(stream, names))
    return "\n".join(out)


_TOKEN = re.compile(
    rb"/([\w.+-]+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\bBT\b|\bT[md*]\b|\bTD\b",
    re.S,
)


def _content_text(stream: bytes, names: dict[bytes, dict[int, str]]) -> str:
    cmap: dict[int, str] = {}
    parts: list[str] = []
    for m in _TOKEN.finditer(stream):
        if m.group(0) in (b"BT", b"Tm", b"Td", b"TD", b"T*"):
            parts.append("\n")
        elif m.group(1) is not None:
            cmap = names.get(m.group(1), {})
        else:
            hexes = _HEX.findall(m.group(2)) if m.group(2) is not None else [m.group(3)]
            for h in hexes:
                h = re.sub(rb"\s", b"", h)
                width = 4 if len(h) % 4 == 0 else 2
                parts.extend(
                    cmap.get(int(h[i : i + width], 16), "") for i in range(0, len(h), width)
                )
    return "".join(parts)


_BASE_FONT = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([\w.-]+)")


def pdf_font_names(data: bytes) -> set[str]:
    """The names of the fonts a PDF embeds, without WeasyPrint's subset prefix."""
    names: set[str] = set()
    for body, stream in _objects(data).values():
        for chunk in (body, stream or b""):
            names.update(m.decode() for m in _BASE_FONT.findall(chunk))
    return names
