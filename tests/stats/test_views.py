import csv
import io
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.cache import cache
from django.db.models.functions import Lower
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from ombud.cases.models import Centre, Theme
from ombud.stats.selectors import CASE_STATS_QUERIES
from tests.helpers.personas import Personas, verified_client


def _url(name: str = "stats:overview", *args: str) -> str:
    return reverse(name, args=["ishoj", *args])


def test_it_hides_the_page_from_an_outsider(register: Personas) -> None:
    client = verified_client(register.outsider)
    assert client.get(_url(), {"year": 2021}).status_code == 404
    assert client.get(_url("stats:export", "cases", "csv")).status_code == 404


def test_it_sends_an_anonymous_visitor_to_log_in(register: Personas) -> None:
    response = Client().get(_url())
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_it_shows_the_read_only_member_the_figures(register: Personas) -> None:
    client = verified_client(register.reader)
    with translation.override("en"):
        response = client.get(_url(), {"year": 2021}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="table-centre_cases"' in html
    assert 'role="img" aria-labelledby="fig-cases-caption"' in html
    assert '<th scope="col"' in html
    assert response.context["totals"]["cases"] == 7
    assert [p.label for p in response.context["periods"]] == ["2021", "2020"]


def test_it_links_rows_to_the_filtered_case_list(register: Personas) -> None:
    client = verified_client(register.reader)
    response = client.get(_url(), {"year": 2021, "compare": "none"})
    figures = {f.table.key: f for _, _, fs in response.context["sections"] for f in fs}
    voksne = Centre.objects.get(municipality=register.ishoj, label="Center for Voksne og Velfærd")
    row = next(r for r in figures["centre_complaints"].table.rows if r.label == voksne.label)
    url = urlsplit(row.hrefs[0])
    assert url.path == reverse("cases:list", args=["ishoj"])
    assert parse_qs(url.query) == {
        "from": ["2021-01-01"],
        "to": ["2021-12-31"],
        "kind": ["complaint"],
        "centre": [str(voksne.pk)],
    }
    theme = Theme.objects.get(municipality=register.ishoj, label="Manglende svar")
    theme_row = next(r for r in figures["themes"].table.rows if r.label == theme.label)
    assert parse_qs(urlsplit(theme_row.hrefs[0]).query)["theme"] == [str(theme.pk)]
    assert row.hrefs[0].replace("&", "&amp;") in response.content.decode()
    # The chart's bars link to the same case lists (the browser draws it from this spec).
    spec = figures["centre_cases"].spec
    assert spec["layer"][0]["encoding"]["href"] == {"field": "href", "type": "nominal"}
    values = spec["datasets"][spec["data"]["name"]]
    assert {v["href"] for v in values} >= {
        h for r in figures["centre_cases"].table.rows for h in r.hrefs
    }


def test_it_puts_each_chart_in_the_page_as_a_spec_not_a_drawing(register: Personas) -> None:
    client = verified_client(register.reader)
    html = client.get(_url(), {"year": 2021}).content.decode()
    assert html.count('<figure class="stats-chart" data-chart-spec="{&quot;config&quot;') == 13
    assert "<svg" not in html


def test_it_compares_with_a_chosen_year_or_a_custom_period(register: Personas) -> None:
    client = verified_client(register.reader)
    response = client.get(_url(), {"year": 2021, "compare": "2022"})
    assert [p.label for p in response.context["periods"]] == ["2021", "2022"]
    response = client.get(_url(), {"from": "2021-01-01", "to": "30-06-2021"})
    assert [p.label for p in response.context["periods"]] == [
        "01-01-2021\N{EN DASH}30-06-2021",
        "04-07-2020\N{EN DASH}31-12-2020",
    ]
    assert response.context["totals"]["cases"] == 4


def test_it_reports_a_half_given_period_and_falls_back(register: Personas) -> None:
    client = verified_client(register.reader)
    response = client.get(_url(), {"from": "2021-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["to"]
    assert response.context["periods"][0].label == "2022"


def test_it_swaps_only_the_figures_for_htmx(register: Personas) -> None:
    client = verified_client(register.reader)
    response = client.get(_url(), {"year": 2020}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="stats-figures"')
    assert 'hx-swap-oob="innerHTML"' in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_it_renders_the_page_in_a_fixed_number_of_queries(
    register: Personas, django_assert_num_queries: Any
) -> None:
    client = verified_client(register.reader)
    client.get(_url(), {"year": 2021})
    # session, user, membership x2, year range, data version (2), the user's municipalities;
    # the figures from the cache
    with django_assert_num_queries(8):
        assert client.get(_url(), {"year": 2021}).status_code == 200


def test_it_counts_both_periods_in_one_pass_after_an_edit(
    register: Personas, django_assert_num_queries: Any
) -> None:
    client = verified_client(register.reader)
    client.get(_url(), {"year": 2021})
    Centre.objects.filter(municipality=register.ishoj).update(label=Lower("label"))
    cache.clear()
    # The same eight, and both periods' figures in the fixed number of queries, not per period.
    with django_assert_num_queries(8 + CASE_STATS_QUERIES):
        response = client.get(_url(), {"year": 2021, "compare": "2020"})
    assert response.context["totals"]["cases"] == 7
    assert "center for voksne og velfærd" in response.content.decode()


def test_it_downloads_a_table_as_semicolon_csv_with_bom(register: Personas) -> None:
    client = verified_client(register.reader)
    with translation.override("en"):
        response = client.get(
            _url("stats:export", "external_bodies", "csv"),
            {"year": 2021},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "statistik-ishoj-external_bodies-2021.csv" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][1:] == ["2021", "2020"]
    assert rows[1] == ["Jobcenter Vallensbæk", "2", "0"]
    assert rows[2] == ["Udbetaling Danmark", "1", "0"]


def test_it_downloads_a_table_as_xlsx(register: Personas) -> None:
    client = verified_client(register.reader)
    response = client.get(_url("stats:export", "themes", "xlsx"), {"year": 2021, "compare": "none"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "2021"
    assert ("Sagsbehandlingstid", "God forvaltningsskik", 2) in rows
    assert ("Manglende svar", "God forvaltningsskik", 2) in rows


def test_it_refuses_an_unknown_table_or_format(register: Personas) -> None:
    client = verified_client(register.reader)
    assert client.get(_url("stats:export", "nonsense", "csv")).status_code == 404
    assert client.get(_url("stats:export", "cases", "pdf")).status_code == 404


def test_it_refuses_dates_too_far_back(register: Personas) -> None:
    client = verified_client(register.reader)
    response = client.get(_url(), {"from": "0001-01-01", "to": "0001-12-31"})
    assert response.status_code == 200
    assert response.context["form"].errors["from"]
    assert response.context["periods"][0].label == "2022"


def test_it_never_serves_stale_figures_from_the_cache(register: Personas) -> None:
    import datetime as dt

    from ombud.cases.services import citizen_merge, taxonomy_entry_update
    from tests.helpers import case_data as d

    client = verified_client(register.advisor)
    first = client.get(_url(), {"year": 2021}).context["totals"]
    again = client.get(_url(), {"year": 2021}).context["totals"]
    assert again == first
    d.make_case(register.ishoj, opened_on=dt.date(2021, 5, 5))
    after_case = client.get(_url(), {"year": 2021}).context["totals"]
    assert after_case["cases"] == first["cases"] + 1
    assert after_case["unique_citizens"] == first["unique_citizens"] + 1
    # A merge of two citizens changes "unique citizens" without touching a case form.
    from ombud.cases.models import Case

    cases = Case.objects.filter(municipality=register.ishoj, opened_on__year=2021)
    a = cases[0].citizen
    b = next(c.citizen for c in cases if c.citizen != a)
    citizen_merge(actor=register.advisor, keep=a, merge=b)
    after_merge = client.get(_url(), {"year": 2021}).context["totals"]
    assert after_merge["unique_citizens"] == after_case["unique_citizens"] - 1
    # A renamed centre shows its new name at once.
    centre = Centre.objects.get(municipality=register.ishoj, label="Center for Voksne og Velfærd")
    taxonomy_entry_update(actor=register.advisor, entry=centre, label="Center for Voksne")
    response = client.get(_url(), {"year": 2021})
    assert "Center for Voksne og Velfærd" not in response.content.decode()
