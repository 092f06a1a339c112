from django.urls import include, path
from django.views.decorators.http import require_GET
from django.views.i18n import set_language

from ombud.accounts import urls as accounts_urls
from ombud.accounts.access import Kind, Rule, declare, public_view
from ombud.cooperation import urls as cooperation_urls
from ombud.core import health
from ombud.portal import urls as portal_urls

# One staff area, /m/<slug>/samarbejde/, under one URL namespace: cooperation's own pages and
# the portal's staff pages (contacts from the public form, deadlines, the public page's texts).
# They are put together here, so neither app imports the other's views.
samarbejde = (cooperation_urls.urlpatterns + portal_urls.staff_urlpatterns, "cooperation")

PUBLIC_GET = Rule(Kind.PUBLIC, "", None)

urlpatterns = [
    # The start page and the audit log kept their URL names ("core:…") when they moved to
    # accounts (ombud/core imports no app).
    path("", include((accounts_urls.start_urlpatterns, "core"))),
    path("konto/", include("ombud.accounts.urls")),
    path("sso/", include("ombud.sso.urls")),
    path("m/<slug:slug>/", include("ombud.cases.urls")),
    path("m/<slug:slug>/statistik/", include("ombud.stats.urls")),
    path("m/<slug:slug>/aarsberetning/", include("ombud.reports.urls")),
    path("m/<slug:slug>/brugere/", include((accounts_urls.member_urlpatterns, "members"))),
    path("m/<slug:slug>/samarbejde/", include(samarbejde)),
    path("m/<slug:slug>/databeskyttelse/", include("ombud.records.urls")),
    path("", include((accounts_urls.branding_urlpatterns, "branding"))),
    path("borgerraadgiver/<slug:slug>/", include("ombud.portal.urls")),
    path("", include("ombud.whistleblower.urls")),
    # Django's language switch, declared like every other route (tests/accounts/test_route_walk.py).
    path("i18n/setlang/", public_view(get=True, post=True)(set_language), name="set_language"),
    # The health checks are async views: Django's require_GET keeps them async; the rule is
    # declared for the route table.
    path("healthz", declare(PUBLIC_GET, require_GET(health.healthz)), name="healthz"),
    path("readyz", declare(PUBLIC_GET, require_GET(health.readyz)), name="readyz"),
]

handler404 = "ombud.core.views.not_found"
handler403 = "ombud.core.views.forbidden"
handler500 = "ombud.core.views.server_error"
