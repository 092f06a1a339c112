"""The portal's staff pages under /m/<slug>/samarbejde/ (namespace "cooperation", shared with
cooperation's own pages: see config/urls.py)."""

from django.urls import path

from ombud.portal import staff_views

urlpatterns = [
    path("", staff_views.overview, name="overview"),
    path("indbakke/", staff_views.inbox_notice, name="inbox_notice"),
    path("henvendelser/", staff_views.contacts, name="contacts"),
    path("henvendelser/<uuid:public_id>/", staff_views.contact_detail, name="contact"),
    path(
        "henvendelser/<uuid:public_id>/afvis/", staff_views.contact_dismiss, name="contact_dismiss"
    ),
    path(
        "henvendelser/<uuid:public_id>/fil/<uuid:file_id>/",
        staff_views.contact_file,
        name="contact_file",
    ),
    path("frister/", staff_views.deadlines, name="deadlines"),
    path("frister/<uuid:public_id>/", staff_views.deadline_edit, name="deadline_edit"),
    path("frister/centerlink/", staff_views.edit_link_create, name="edit_link"),
    path("offentlig-side/", staff_views.texts_edit, name="texts"),
]
