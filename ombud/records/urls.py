"""Records and data protection, mounted at /m/<slug>/databeskyttelse/ (namespace "records")."""

from django.urls import path

from ombud.records.views import requests, retention, settings

app_name = "records"

urlpatterns = [
    path("", requests.request_list, name="requests"),
    path("borger/<uuid:citizen_id>/ny/", requests.request_register, name="register"),
    path("anmodning/<uuid:public_id>/", requests.request_detail, name="request"),
    path("anmodning/<uuid:public_id>/forlaeng/", requests.request_extend, name="extend"),
    path("anmodning/<uuid:public_id>/afgoer/", requests.request_decide, name="decide"),
    path("anmodning/<uuid:public_id>/udtraek/", requests.request_extract, name="extract"),
    path("indstillinger/", settings.settings_edit, name="settings"),
    path("opbevaring/", retention.retention_list, name="retention"),
    path("opbevaring/godkend/", retention.retention_approve_view, name="retention_approve"),
]
