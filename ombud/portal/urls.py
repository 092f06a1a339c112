"""The portal's pages: the public pages under /borgerraadgiver/<slug>/ (no login, namespace
"portal"), and the staff pages under /m/<slug>/samarbejde/, which config/urls.py mounts with
cooperation's pages in the "cooperation" namespace."""

from django.urls import path

from ombud.portal.views import public, staff

app_name = "portal"

urlpatterns = [
    path("", public.home, name="home"),
    path("kontakt/", public.contact, name="contact"),
    path("kvittering/", public.receipt, name="receipt"),
    path("frister/", public.deadlines, name="deadlines"),
    path("tilgaengelighed/", public.accessibility, name="accessibility"),
    path("privatliv/", public.privacy, name="privacy"),
    path("kontakt/papir/", public.printable_form, name="printable_form"),
    path("svar/<str:token>/", public.reply, name="reply"),
    path("frister/center/<str:token>/", public.centre_deadlines, name="centre_deadlines"),
]

staff_urlpatterns = [
    path("", staff.overview, name="overview"),
    path("indbakke/", staff.inbox_notice, name="inbox_notice"),
    path("henvendelser/", staff.contacts, name="contacts"),
    path("henvendelser/<uuid:public_id>/", staff.contact_detail, name="contact"),
    path("henvendelser/<uuid:public_id>/afvis/", staff.contact_dismiss, name="contact_dismiss"),
    path(
        "henvendelser/<uuid:public_id>/fil/<uuid:file_id>/",
        staff.contact_file,
        name="contact_file",
    ),
    path("frister/", staff.deadlines, name="deadlines"),
    path("frister/<uuid:public_id>/", staff.deadline_edit, name="deadline_edit"),
    path("frister/centerlink/", staff.edit_link_create, name="edit_link"),
    path("offentlig-side/", staff.texts_edit, name="texts"),
]
