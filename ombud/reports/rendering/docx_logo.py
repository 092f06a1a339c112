"""The municipality's logo in the DOCX: on the cover and in the page header.

PNG and JPEG go in as ordinary pictures. python-docx has no SVG support, so an SVG logo goes in
the way Word 2016 and later store one themselves: an `asvg:svgBlip` extension on the picture,
pointing to the SVG part, with a PNG drawn from the same SVG (by vl-convert's resvg, which the
charts already use) as the picture older readers and LibreOffice show.
"""

import io
import re

import vl_convert
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shape import InlineShape
from docx.shared import Length
from docx.text.run import Run
from lxml import etree

from ombud.reports.rendering.document import Logo

SVG_TYPE = "image/svg+xml"
SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NUMBER = re.compile(r"[\d.]+")
FALLBACK_WIDTH = 600


def logo_add(run: Run, logo: Logo, *, height: Length) -> InlineShape:
    """Add the logo to `run`, `height` high, with the logo's alt text."""
    if logo.content_type == SVG_TYPE:
        shape = _svg_add(run, logo, height)
    else:
        shape = run.add_picture(io.BytesIO(logo.data), height=height)
    shape._inline.docPr.set("descr", logo.alt)
    return shape


def _svg_png(data: bytes) -> bytes:
    """The SVG drawn about FALLBACK_WIDTH pixels wide: sharp in print at the logo's size."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    width = NUMBER.match(root.get("width", ""))
    viewbox = [float(n) for n in NUMBER.findall(root.get("viewBox", ""))]
    natural = float(width.group()) if width else (viewbox[2] if len(viewbox) == 4 else 100.0)
    scale = min(max(FALLBACK_WIDTH / max(natural, 1.0), 0.1), 50.0)
    return bytes(vl_convert.svg_to_png(data.decode("utf-8"), scale=scale))


def _svg_add(run: Run, logo: Logo, height: Length) -> InlineShape:
    shape = run.add_picture(io.BytesIO(_svg_png(logo.data)), height=height)
    story = run.part
    package = story.package
    number = sum(1 for p in package.iter_parts() if p.content_type == SVG_TYPE) + 1
    part = Part(PackURI(f"/word/media/logo{number}.svg"), SVG_TYPE, logo.data, package)
    rel_id = story.relate_to(part, RT.IMAGE)
    blip = shape._inline.find(f".//{{{A_NS}}}blip")
    if blip is not None:
        blip.append(
            parse_xml(
                f'<a:extLst xmlns:a="{A_NS}"><a:ext uri="{SVG_EXT_URI}">'
                f'<asvg:svgBlip xmlns:asvg="{SVG_NS}" xmlns:r="{R_NS}" r:embed="{rel_id}"/>'
                "</a:ext></a:extLst>"
            )
        )
    return shape
