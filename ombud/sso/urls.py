"""Single sign-on under /sso/ (namespace "sso")."""

from django.urls import path

from ombud.accounts.access import public_view, signin_view
from ombud.sso.views import logout, oidc, saml

app_name = "sso"

# Each route's access rule, as every route declares one (docs/access-table.md): the login doors
# are public; logging out needs a login.
GET, BOTH, POST = (
    public_view(get=True),
    public_view(get=True, post=True),
    public_view(get=False, post=True),
)

urlpatterns = [
    path("oidc/callback/", GET(oidc.oidc_callback), name="oidc_callback"),
    path("oidc/<slug:slug>/", GET(oidc.oidc_login), name="oidc_login"),
    path("saml/metadata/", GET(saml.saml_metadata), name="saml_metadata"),
    path("saml/acs/", POST(saml.saml_acs), name="saml_acs"),
    path("saml/sls/", BOTH(saml.saml_sls), name="saml_sls"),
    path("saml/<slug:slug>/", BOTH(saml.saml_login), name="saml_login"),
    path("log-ud/", signin_view(get=False, post=True)(logout.logout), name="logout"),
]
