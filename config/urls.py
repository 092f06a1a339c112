from django.urls import include, path

urlpatterns = [
    path("", include("ombud.core.urls")),
    path("konto/", include("ombud.accounts.urls")),
    path("m/<slug:slug>/", include("ombud.cases.urls")),
    path("m/<slug:slug>/statistik/", include("ombud.stats.urls")),
    path("m/<slug:slug>/aarsberetning/", include("ombud.reports.urls")),
    path("m/<slug:slug>/brugere/", include("ombud.accounts.member_views")),
    path("m/<slug:slug>/samarbejde/", include("ombud.cooperation.urls")),
    path("", include("ombud.accounts.logo_views")),
    path("borgerraadgiver/<slug:slug>/", include("ombud.portal.urls")),
    path("", include("ombud.whistleblower.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler404 = "ombud.core.views.not_found"
handler403 = "ombud.core.views.forbidden"
handler500 = "ombud.core.views.server_error"
