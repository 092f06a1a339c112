"""The municipality's logo in the DOCX: on the cover and in the page header.

PNG and JPEG go in as ordinary pictures. Word has no SVG support in python-docx, and we have no
SVG rasteriser, so an SVG logo goes in the way Word 2016 and later store one themselves: an
`asvg:svgBlip` extension on the picture, pointing to the SVG part, with a transparent PNG of
the same proportions as the fallback for older readers.
"""

import io
import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shape import InlineShape
from docx.shared import Length
from docx.text.run import Run
from lxml import etree
from PIL import Image

from ombud.reports.rendering.document import Logo

SVG_TYPE = "image/svg+xml"
SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NUMBER = re.compile(r"[\d.]+")
FALLBACK_WIDTH = 400


def logo_add(run: Run, logo: Logo, *, height: Length) -> InlineShape:
    """Add the logo to `run`, `height` high, with the logo's alt text."""
    if logo.content_type == SVG_TYPE:
        shape = _svg_add(run, logo, height)
    else:
        shape = run.add_picture(io.BytesIO(logo.data), height=height)
    shape._inline.docPr.set("descr", logo.alt)
    return shape


def _svg_ratio(data: bytes) -> float:
    """Width / height from the viewBox, else width and height; 1 if neither says."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    numbers = [float(n) for n in NUMBER.findall(root.get("viewBox", ""))]
    if len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0:
        return numbers[2] / numbers[3]
    width = NUMBER.match(root.get("width", ""))
    height = NUMBER.match(root.get("height", ""))
    if width and height and float(height.group()) > 0:
        return float(width.group()) / float(height.group())
    return 1.0


def _svg_add(run: Run, logo: Logo, height: Length) -> InlineShape:
    ratio = min(max(_svg_ratio(logo.data), 0.05), 20.0)
    fallback = io.BytesIO()
    size = (FALLBACK_WIDTH, max(1, round(FALLBACK_WIDTH / ratio)))
    Image.new("RGBA", size, (255, 255, 255, 0)).save(fallback, format="PNG")
    fallback.seek(0)
    shape = run.add_picture(fallback, height=height)
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
