"""Rebuilds an uploaded SVG logo from an allow-list, so nothing the list does not name survives.

`logo.svg_check` first refuses what is plainly hostile (with a sentence for the user); this
module then keeps only known drawing elements in the SVG namespace, known presentation and
geometry attributes, references inside the file (`#id`), and CSS declarations from a short list
whose values call no function but colours and `url(#id)` (parsed with tinycss2, so escapes such as
`u\\72l(` are seen as what they are). A detector alone was fooled by a tab inside `javascript:`;
an allow-list does not need to recognise the trick to drop it.
"""

import re

import tinycss2
from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "symbol", "use", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern",
    "filter", "fegaussianblur", "feoffset", "feblend", "fecolormatrix", "femerge",
    "femergenode", "feflood", "fecomposite",
}  # fmt: skip
ATTRIBUTES = {
    "id", "class", "style", "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2",
    "cx", "cy", "r", "rx", "ry", "fx", "fy", "d", "points", "transform", "version",
    "preserveaspectratio", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
    "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
    "stroke-dasharray", "stroke-dashoffset", "opacity", "color", "display", "visibility",
    "clip-path", "clip-rule", "mask", "filter", "offset", "stop-color", "stop-opacity",
    "gradientunits", "gradienttransform", "spreadmethod", "patternunits",
    "patterncontentunits", "patterntransform", "clippathunits", "maskunits",
    "maskcontentunits", "filterunits", "primitiveunits", "font-family", "font-size",
    "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing",
    "dx", "dy", "in", "in2", "result", "stddeviation", "mode", "type", "values", "operator",
    "k1", "k2", "k3", "k4", "flood-color", "flood-opacity", "href", "xml:space", "lang",
}  # fmt: skip
CSS_PROPERTIES = {
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "opacity", "color", "display", "visibility", "clip-path", "clip-rule",
    "mask", "filter", "stop-color", "stop-opacity", "font-family", "font-size", "font-weight",
    "font-style", "text-anchor", "dominant-baseline", "letter-spacing", "isolation",
    "mix-blend-mode",
}  # fmt: skip
CSS_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla"}
# Whitespace and control characters browsers ignore inside a URL scheme (`java\tscript:`).
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
_LOCAL_URL = re.compile(r"^url\(\s*['\"]?#[\w.:-]+['\"]?\s*\)$", re.IGNORECASE)


def svg_rebuild(root: "etree._Element") -> bytes:
    """The SVG with only allowed elements, attributes and styles, as UTF-8 bytes."""
    _clean(root)
    etree.cleanup_namespaces(root)
    return bytes(etree.tostring(root, encoding="utf-8", xml_declaration=False))


def _local_name(tag: str) -> tuple[str, str]:
    qname = etree.QName(tag)
    return qname.namespace or "", qname.localname.lower()


def _clean(element: "etree._Element") -> None:
    for child in list(element):
        if not isinstance(child.tag, str):  # comments and processing instructions
            element.remove(child)
            continue
        namespace, local = _local_name(child.tag)
        if namespace != SVG_NS or local not in ELEMENTS:
            element.remove(child)
            continue
        _clean(child)
    _clean_attributes(element)
    if _local_name(element.tag)[1] == "style":
        element.text = stylesheet_clean(element.text or "")


def _clean_attributes(element: "etree._Element") -> None:
    for name in list(element.attrib):
        value = str(element.attrib[name])
        namespace, local = _local_name(str(name))
        keep = local in ATTRIBUTES and namespace in ("", XLINK_NS, XML_NS)
        if keep and local == "href":
            keep = _IGNORED_IN_URLS.sub("", value).startswith("#")
        elif keep and local == "style":
            element.attrib[name] = declarations_clean(value)
            continue
        elif keep and "url(" in _IGNORED_IN_URLS.sub("", value).lower():
            keep = bool(_LOCAL_URL.match(value.strip()))
        if not keep:
            del element.attrib[name]


def _value_safe(tokens: list[tinycss2.ast.Node]) -> bool:
    return all(_token_safe(token) for token in tokens)


def _token_safe(token: tinycss2.ast.Node) -> bool:
    if isinstance(token, tinycss2.ast.URLToken):
        return token.value.strip().startswith("#")
    if isinstance(token, tinycss2.ast.FunctionBlock):
        if token.lower_name == "url":
            return tinycss2.serialize(token.arguments).strip().strip("'\"").startswith("#")
        return token.lower_name in CSS_FUNCTIONS and _value_safe(token.arguments)
    if isinstance(token, tinycss2.ast.AtKeywordToken | tinycss2.ast.ParseError):
        return False
    content = getattr(token, "content", None)  # (), [] and {} blocks
    return content is None or _value_safe(list(content))


def declarations_clean(text: str) -> str:
    """A `style` attribute with only allowed properties whose values are safe."""
    kept = []
    for item in tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True):
        if not isinstance(item, tinycss2.ast.Declaration):
            continue
        if item.lower_name in CSS_PROPERTIES and _value_safe(item.value):
            value = tinycss2.serialize(item.value).strip()
            kept.append(f"{item.lower_name}:{value}{' !important' if item.important else ''}")
    return ";".join(kept)


def stylesheet_clean(text: str) -> str:
    """A `<style>` sheet with plain rules only (no @import, @font-face, ...), declarations
    filtered as above."""
    rules = []
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if not isinstance(rule, tinycss2.ast.QualifiedRule):
            continue
        selector = tinycss2.serialize(rule.prelude).strip()
        if "\\" in selector or "{" in selector or "<" in selector:
            continue
        body = declarations_clean(tinycss2.serialize(rule.content))
        if body:
            rules.append(f"{selector}{{{body}}}")
    return "\n".join(rules)
