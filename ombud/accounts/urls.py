"""The accounts app's pages, as four URL lists that config/urls.py mounts: log-in under /konto/
(namespace "accounts"), the start page and the audit log ("core", the names they had when they
lived in core), the members pages under /m/<slug>/brugere/ ("members") and the logo ("branding").
"""

from django.urls import path

from ombud.accounts.views import login, logo, members, start

app_name = "accounts"

urlpatterns = [
    path("login/", login.OmbudLoginView.as_view(), name="login"),
    path("bekraeft/", login.verify, name="verify"),
    path("to-faktor/", login.setup_2fa, name="setup_2fa"),
    path("log-ud/", login.logout, name="logout"),
    path("adgangskode/", login.password_change, name="password_change"),
]

start_urlpatterns = [
    path("", start.home, name="home"),
    path("m/<slug:slug>/i-dag/", start.today, name="today"),
    path("m/<slug:slug>/revision/", start.audit_log, name="audit_log"),
]

member_urlpatterns = [
    path("", members.member_list, name="list"),
    path("<uuid:user_id>/", members.member_edit, name="edit"),
]

branding_urlpatterns = [
    path("m/<slug:slug>/logo/", logo.logo_edit, name="edit"),
    path("m/<slug:slug>/logo/fjern/", logo.logo_remove, name="remove"),
    path("logo/<slug:slug>/", logo.logo_image, name="image"),
]
