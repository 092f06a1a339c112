from django.urls import include, path

from ombud.accounts import urls as accounts_urls
from ombud.cooperation import urls as cooperation_urls
from ombud.core import health
from ombud.portal import urls as portal_urls

# One staff area, /m/<slug>/samarbejde/, under one URL namespace: cooperation's own pages and
# the portal's staff pages (contacts from the public form, deadlines, the public page's texts).
# They are put together here, so neither app imports the other's views.
samarbejde = (cooperation_urls.urlpatterns + portal_urls.staff_urlpatterns, "cooperation")

urlpatterns = [
    # The start page and the audit log kept their URL names ("core:…") when they moved to
    # accounts (ombud/core imports no app).
    path("", include((accounts_urls.start_urlpatterns, "core"))),
    path("konto/", include("ombud.accounts.urls")),
    path("m/<slug:slug>/", include("ombud.cases.urls")),
    path("m/<slug:slug>/statistik/", include("ombud.stats.urls")),
    path("m/<slug:slug>/aarsberetning/", include("ombud.reports.urls")),
    path("m/<slug:slug>/brugere/", include((accounts_urls.member_urlpatterns, "members"))),
    path("m/<slug:slug>/samarbejde/", include(samarbejde)),
    path("m/<slug:slug>/databeskyttelse/", include("ombud.records.urls")),
    path("", include((accounts_urls.branding_urlpatterns, "branding"))),
    path("borgerraadgiver/<slug:slug>/", include("ombud.portal.urls")),
    path("", include("ombud.whistleblower.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

handler404 = "ombud.core.views.not_found"
handler403 = "ombud.core.views.forbidden"
handler500 = "ombud.core.views.server_error"
