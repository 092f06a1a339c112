from django.urls import include, path

from ombud.accounts import start_urls
from ombud.cooperation import urls as cooperation_urls
from ombud.portal import staff_urls as portal_staff_urls

# One staff area, /m/<slug>/samarbejde/, under one URL namespace: cooperation's own pages and
# the portal's staff pages (contacts from the public form, deadlines, the public page's texts).
# They are put together here, so neither app imports the other's views.
samarbejde = (cooperation_urls.urlpatterns + portal_staff_urls.urlpatterns, "cooperation")

urlpatterns = [
    # The start page and the audit log kept their URL names ("core:…") when they moved to
    # accounts (ombud/core imports no app).
    path("", include((start_urls.urlpatterns, "core"))),
    path("konto/", include("ombud.accounts.urls")),
    path("m/<slug:slug>/", include("ombud.cases.urls")),
    path("m/<slug:slug>/statistik/", include("ombud.stats.urls")),
    path("m/<slug:slug>/aarsberetning/", include("ombud.reports.urls")),
    path("m/<slug:slug>/brugere/", include("ombud.accounts.member_views")),
    path("m/<slug:slug>/samarbejde/", include(samarbejde)),
    path("", include("ombud.accounts.logo_views")),
    path("borgerraadgiver/<slug:slug>/", include("ombud.portal.urls")),
    path("", include("ombud.whistleblower.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler404 = "ombud.core.views.not_found"
handler403 = "ombud.core.views.forbidden"
handler500 = "ombud.core.views.server_error"
