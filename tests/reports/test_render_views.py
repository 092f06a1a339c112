"""The preview's linked charts, and PDF/Word files made as jobs with progress."""

import datetime as dt
import re
from typing import Any
from unittest import mock

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from ombud.cases.models import Case
from ombud.reports import render_jobs
from ombud.reports.models import RenderStatus, ReportRender
from ombud.reports.rendering.charts import chart_digest
from ombud.reports.rendering.document import report_tables
from ombud.reports.services import draft_create, report_publish
from ombud.stats.selectors import Period
from tests.helpers.pdf_text import pdf_text
from tests.helpers.personas import Personas, verified_client
from tests.helpers.reports import docx_text, filled_draft, squash

IMG = re.compile(r'<img class="report-chart-image" src="([^"]+)" alt="([^"]+)" loading="lazy"')


def _url(name: str, *args: object) -> str:
    return reverse(f"reports:{name}", args=["ishoj", *args])


def _charts(html: str) -> list[tuple[str, str]]:
    return IMG.findall(html)


def test_it_previews_each_chart_as_a_lazy_image_beside_its_table(
    register: Personas, advisor_client: Client
) -> None:
    draft = filled_draft(register)
    html = advisor_client.get(_url("preview", draft.public_id)).content.decode()
    charts = _charts(html)
    assert len(charts) >= 10
    assert "<svg" not in html  # the page itself waits for no chart
    for src, alt in charts:
        assert src.startswith(f"/m/ishoj/aarsberetning/kladde/{draft.public_id}/diagram/")
        assert alt.startswith("Diagram: ") and "tabellen under diagrammet" in alt
        # With JavaScript, htmx fetches the same SVG into the page when it scrolls into view.
        slot = f'role="img" aria-label="{alt}" hx-get="{src}" hx-trigger="revealed"'
        assert slot in html.replace("&quot;", '"')
    # Each chart sits in a figure with its data table.
    figures = re.findall(r'<figure class="report-figure".*?</figure>', html, re.S)
    with_chart = [f for f in figures if "report-chart-image" in f]
    assert len(with_chart) == len(charts)
    assert all('<table class="report-table">' in f and "<tbody>" in f for f in with_chart)


def test_it_serves_each_chart_as_cacheable_svg(register: Personas, advisor_client: Client) -> None:
    draft = filled_draft(register)
    html = advisor_client.get(_url("preview", draft.public_id)).content.decode()
    for src, _alt in _charts(html):
        response = advisor_client.get(src)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        assert response["Cache-Control"] == "private, max-age=31536000, immutable"
        assert response.content.lstrip().startswith(b"<svg")
    # With the cache emptied (another worker, a restart) the chart is drawn from the draft.
    cache.clear()
    src = _charts(html)[0][0]
    assert advisor_client.get(src).content.lstrip().startswith(b"<svg")


def test_it_hides_the_charts_from_another_municipality(
    register: Personas, advisor_client: Client
) -> None:
    draft = filled_draft(register)
    html = advisor_client.get(_url("preview", draft.public_id)).content.decode()
    src = _charts(html)[0][0]
    assert verified_client(register.outsider).get(src).status_code == 404
    # Anne also works in Hvidovre: the Ishøj draft is not found under Hvidovre's address.
    assert advisor_client.get(src.replace("/m/ishoj/", "/m/hvidovre/")).status_code == 404


def test_it_opens_no_chart_of_another_report_by_its_hash(
    register: Personas, advisor_client: Client
) -> None:
    ishoj = filled_draft(register)
    html = advisor_client.get(_url("preview", ishoj.public_id)).content.decode()
    src = _charts(html)[0][0]
    key, digest = src.removesuffix(".svg").rsplit("/", 2)[1:]
    # Anne's Hvidovre draft has no such chart, though the SVG is in the cache.
    hvidovre = draft_create(
        actor=register.advisor,
        municipality=register.hvidovre,
        kind="annual",
        period=Period.year(2021),
        compare=None,
    )
    url = reverse("reports:draft_chart", args=["hvidovre", hvidovre.public_id, key, digest])
    assert advisor_client.get(url).status_code == 404
    assert advisor_client.get(src).status_code == 200


def test_it_404s_a_chart_whose_figures_have_changed(
    register: Personas, advisor_client: Client
) -> None:
    draft = filled_draft(register)
    key = "cases"
    unknown = "0" * 64
    assert advisor_client.get(_url("draft_chart", draft.public_id, key, unknown)).status_code == 404
    bad = _url("draft_chart", draft.public_id, key, "x" * 64)
    assert advisor_client.get(bad).status_code == 404


def test_it_previews_in_a_fixed_number_of_queries(
    register: Personas, advisor_client: Client, django_assert_num_queries: Any
) -> None:
    draft = filled_draft(register)
    url = _url("preview", draft.public_id)
    advisor_client.get(url)
    # Session (read: 1; not written again within a minute), user, device and membership (3),
    # the draft and its sections (2), the figures (12 without recommendations to prefetch
    # responses for; see test_it_builds_a_report_in_a_fixed_number_of_queries).
    with django_assert_num_queries(18):
        assert advisor_client.get(url).status_code == 200


def test_it_draws_a_published_versions_charts_from_its_frozen_figures(
    register: Personas, advisor_client: Client, django_assert_num_queries: Any
) -> None:
    report = report_publish(actor=register.advisor, draft=filled_draft(register))
    # The register changes later: every case moves out of the year.
    Case.objects.filter(municipality=register.ishoj).update(opened_on=dt.date(2010, 1, 4))
    html = advisor_client.get(_url("published", report.public_id, "html")).content.decode()
    charts = _charts(html)
    frozen = {chart_digest(t) for t in report_tables(report.kind, report.snapshot)}
    assert {src.rsplit("/", 1)[1].removesuffix(".svg") for src, _ in charts} <= frozen
    assert len(charts) == len(frozen)
    cache.clear()
    for src, _alt in charts:
        assert advisor_client.get(src).status_code == 200
    assert verified_client(register.outsider).get(charts[0][0]).status_code == 404


def _start(client: Client, draft_id: object, fmt: str) -> ReportRender:
    response = client.post(_url("draft_render", draft_id, fmt))
    job = ReportRender.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("render", job.public_id)
    return job


def test_it_makes_a_pdf_showing_its_progress(register: Personas, advisor_client: Client) -> None:
    draft = filled_draft(register)
    job = _start(advisor_client, draft.public_id, "pdf")
    page = advisor_client.get(_url("render", job.public_id)).content.decode()
    assert f'hx-post="{_url("render_run", job.public_id)}"' in page
    assert '<progress id="render-progress-bar"' in page
    assert 'id="render-start"' in page  # without JavaScript: a button starts it

    # Read the progress page (as the polling browser does) each time the job records a step.
    seen: list[tuple[int, str]] = []
    original = render_jobs._Progress.save

    def spy(self: Any, step: str, steps_done: int, **extra: int) -> None:
        original(self, step, steps_done, **extra)
        part = advisor_client.get(_url("render_progress", job.public_id), HTTP_HX_REQUEST="true")
        value = re.search(r'<progress id="render-progress-bar" max="100" value="(\d+)"', part.text)
        step_text = re.search(r'<p id="render-step"[^>]*>([^<]*)</p>', part.text)
        assert value and step_text
        seen.append((int(value.group(1)), step_text.group(1)))

    with mock.patch.object(render_jobs._Progress, "save", spy):
        done = advisor_client.post(_url("render_run", job.public_id), HTTP_HX_REQUEST="true")
    percents = [p for p, _ in seen]
    assert percents == sorted(percents) and percents[0] == 0 and percents[-1] < 100
    texts = [t for _, t in seen]
    assert texts[0].startswith("Beregner tallene")
    charts = ReportRender.objects.get().charts_total
    assert charts >= 10
    assert any(t.startswith(f"Tegner diagram 5 af {charts}") for t in texts)
    assert texts[-1].startswith("Sætter dokumentet op")

    assert 'id="render-download"' in done.content.decode()
    assert (
        '<meta http-equiv="refresh"' not in advisor_client.get(_url("render", job.public_id)).text
    )
    job.refresh_from_db()
    assert (job.status, job.progress_percent) == (RenderStatus.DONE, 100)
    response = advisor_client.get(_url("render_download", job.public_id))
    assert response["Content-Disposition"].startswith("attachment")
    body = response.content
    assert "oprettet 7 sager" in squash(pdf_text(body))


def test_it_makes_a_word_file_without_javascript(
    register: Personas, advisor_client: Client
) -> None:
    draft = filled_draft(register)
    job = _start(advisor_client, draft.public_id, "docx")
    page = advisor_client.get(_url("render", job.public_id)).content.decode()
    assert 'id="render-start"' in page  # the <noscript> button
    response = advisor_client.post(_url("render_run", job.public_id))
    assert response.status_code == 302
    page = advisor_client.get(_url("render", job.public_id)).content.decode()
    assert 'id="render-download"' in page and '<meta http-equiv="refresh"' not in page
    body = advisor_client.get(_url("render_download", job.public_id)).content
    assert "oprettet 7 sager" in squash(docx_text(body))
    # A second run request does not make the file again.
    advisor_client.post(_url("render_run", job.public_id))
    assert ReportRender.objects.get().status == RenderStatus.DONE


def test_it_makes_a_published_versions_file_from_its_frozen_figures(
    register: Personas,
) -> None:
    report = report_publish(actor=register.advisor, draft=filled_draft(register))
    Case.objects.filter(municipality=register.ishoj).update(opened_on=dt.date(2010, 1, 4))
    reader = verified_client(register.reader)
    response = reader.post(_url("published_render", report.public_id, "docx"))
    job = ReportRender.objects.get()
    assert response["Location"] == _url("render", job.public_id)
    reader.post(_url("render_run", job.public_id))
    body = reader.get(_url("render_download", job.public_id)).content
    assert "oprettet 7 sager" in squash(docx_text(body))


def test_it_refreshes_a_running_jobs_page_without_javascript(
    register: Personas, advisor_client: Client
) -> None:
    job = _start(advisor_client, filled_draft(register).public_id, "pdf")
    ReportRender.objects.filter(pk=job.pk).update(
        status=RenderStatus.RUNNING,
        step="charts",
        steps_done=5,
        steps_total=20,
        charts_done=4,
        charts_total=18,
    )
    page = advisor_client.get(_url("render", job.public_id)).text
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert 'id="render-reload"' in page
    assert 'hx-trigger="every 1s"' in page
    assert "Tegner diagram 5 af 18 (trin 5 af 20)" in page
    assert '<label for="render-progress-bar">Laver PDF-filen</label>' in page


def test_it_keeps_render_jobs_within_the_municipality(
    register: Personas, advisor_client: Client
) -> None:
    draft = filled_draft(register)
    outsider = verified_client(register.outsider)
    assert outsider.post(_url("draft_render", draft.public_id, "pdf")).status_code == 404
    job = _start(advisor_client, draft.public_id, "pdf")
    for name in ("render", "render_progress", "render_download"):
        assert outsider.get(_url(name, job.public_id)).status_code == 404
    assert outsider.post(_url("render_run", job.public_id)).status_code == 404
    assert advisor_client.post(_url("draft_render", draft.public_id, "exe")).status_code == 404
    assert ReportRender.objects.get().status == RenderStatus.QUEUED


def test_it_says_so_when_a_file_cannot_be_made(register: Personas, advisor_client: Client) -> None:
    draft = filled_draft(register)
    job = _start(advisor_client, draft.public_id, "pdf")
    with mock.patch.object(render_jobs, "render_report", side_effect=RuntimeError("boom")):
        advisor_client.post(_url("render_run", job.public_id))
    page = advisor_client.get(_url("render", job.public_id)).content.decode()
    assert 'id="render-failed"' in page and "boom" not in page
    assert advisor_client.get(_url("render_download", job.public_id)).status_code == 404
    assert 'id="render-again"' in page
