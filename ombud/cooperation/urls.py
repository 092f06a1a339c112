"""Cooperation's staff pages under /m/<slug>/samarbejde/ (namespace "cooperation", shared
with the portal's staff pages: see config/urls.py)."""

from django.urls import path

from ombud.cooperation import views

urlpatterns = [
    path("opgaver/<int:task_id>/udfoert/", views.task_done, name="task_done"),
    path("forespoergsler/", views.request_list, name="requests"),
    path("forespoergsler/ny/<str:reference>/", views.request_create, name="request_create"),
    path("forespoergsler/<uuid:public_id>/", views.request_detail, name="request"),
    path(
        "forespoergsler/<uuid:public_id>/utilstraekkeligt/",
        views.request_insufficient,
        name="request_insufficient",
    ),
    path("moeder/", views.meetings, name="meetings"),
    path("aaben-raadgivning/", views.counselling, name="counselling"),
    path("aaben-raadgivning/tider/", views.schedule_add, name="schedule_add"),
    path(
        "aaben-raadgivning/tider/<int:schedule_id>/fjern/",
        views.schedule_remove,
        name="schedule_remove",
    ),
    path("aaben-raadgivning/lukket/", views.closure_add, name="closure_add"),
    path("aaben-raadgivning/start/", views.session_start, name="session_start"),
    path("aaben-raadgivning/<uuid:public_id>/", views.session_detail, name="session"),
    path("aaben-raadgivning/<uuid:public_id>/luk/", views.session_close, name="session_close"),
    path("fremmoede/<uuid:public_id>/talt-med/", views.walk_in_seen, name="walk_in_seen"),
    path("fremmoede/<uuid:public_id>/sag/", views.walk_in_case, name="walk_in_case"),
    path("fremmoede/<uuid:public_id>/book/", views.walk_in_book, name="walk_in_book"),
    path("fremmoede/<uuid:public_id>/moede.ics", views.walk_in_calendar, name="walk_in_ics"),
    path("kapacitet/", views.capacity, name="capacity"),
    path("kapacitet/pause/<int:pause_id>/slut/", views.pause_end, name="pause_end"),
    path("indstillinger/", views.settings_edit, name="settings"),
]
