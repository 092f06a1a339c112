"""Records and data protection, mounted at /m/<slug>/databeskyttelse/ (namespace "records")."""

from django.urls import path

from ombud.records import views

app_name = "records"

urlpatterns = [
    path("indstillinger/", views.settings_edit, name="settings"),
]
