"""Public pages under /borgerraadgiver/<slug>/ (no login)."""

from django.urls import path

from ombud.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("kontakt/", views.contact, name="contact"),
    path("kvittering/", views.receipt, name="receipt"),
    path("frister/", views.deadlines, name="deadlines"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("svar/<str:token>/", views.reply, name="reply"),
    path("frister/center/<str:token>/", views.centre_deadlines, name="centre_deadlines"),
]
