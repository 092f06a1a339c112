"""The extract as a ZIP: extract.pdf, data.json and the original files under files/."""

import json
import zipfile
from typing import IO

from django.template.loader import render_to_string

from ombud.records.extract.collect import Extract
from ombud.records.pdf import html_to_pdf


def extract_pdf(extract: Extract) -> bytes:
    html = render_to_string("records/extract_pdf.html", {"data": extract.data})
    return html_to_pdf(html)


def extract_zip(extract: Extract, output: IO[bytes]) -> list[str]:
    """Write the ZIP to `output`; returns the names of files that could not be read (kept out,
    and listed in data.json under `missing_files`, so the extract says what it lacks)."""
    missing: list[str] = []
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, stored in extract.files:
            try:
                with stored.open("rb") as handle:
                    archive.writestr(path, handle.read())
            except OSError:
                missing.append(path)
        data = {**extract.data, "missing_files": missing}
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("extract.pdf", extract_pdf(Extract(data=data)))
    return missing
