"""Single sign-on under /sso/ (namespace "sso")."""

from django.urls import path

from ombud.sso.views import logout, oidc

app_name = "sso"

urlpatterns = [
    path("oidc/callback/", oidc.oidc_callback, name="oidc_callback"),
    path("oidc/<slug:slug>/", oidc.oidc_login, name="oidc_login"),
    path("log-ud/", logout.logout, name="logout"),
]
