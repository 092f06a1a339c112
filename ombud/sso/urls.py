"""Single sign-on under /sso/ (namespace "sso")."""

from django.urls import path

from ombud.sso.views import logout, oidc, saml

app_name = "sso"

urlpatterns = [
    path("oidc/callback/", oidc.oidc_callback, name="oidc_callback"),
    path("oidc/<slug:slug>/", oidc.oidc_login, name="oidc_login"),
    path("saml/metadata/", saml.saml_metadata, name="saml_metadata"),
    path("saml/acs/", saml.saml_acs, name="saml_acs"),
    path("saml/sls/", saml.saml_sls, name="saml_sls"),
    path("saml/<slug:slug>/", saml.saml_login, name="saml_login"),
    path("log-ud/", logout.logout, name="logout"),
]
