"""Log out of Ombud and, where the provider supports it, of the provider too.

OpenID Connect: RP-initiated logout (the provider's `end_session_endpoint`, with the ID token
as hint), which comes back to Ombud's login page. SAML: single logout (a LogoutRequest to the
IdP's SingleLogoutService), whose answer comes back to /sso/saml/sls/. The base template's
log-out button posts here when the session came through a provider; other sessions end as
accounts' own log-out does.
"""

from urllib.parse import urlencode

from django.contrib import auth, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ombud.accounts.models import User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.sso.models import IdentityProvider, Protocol
from ombud.sso.views.common import PROVIDER_SESSION_KEY
from ombud.sso.views.saml import saml_logout_url


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    slug = request.session.get(PROVIDER_SESSION_KEY)
    id_token = request.session.get("oidc_id_token")
    provider = IdentityProvider.objects.filter(slug=slug).first() if slug else None
    saml_url = None
    if provider is not None and provider.protocol == Protocol.SAML:
        saml_url = saml_logout_url(request)  # needs the session's subject: before logging out
    user = request.user
    if isinstance(user, User):
        audit_record(actor=user, municipality=None, action=AuditAction.LOGOUT, obj=user)
    auth.logout(request)
    messages.info(request, _("You are logged out."))
    back = request.build_absolute_uri(reverse("accounts:login"))
    if (
        provider is not None
        and provider.protocol == Protocol.OIDC
        and provider.end_session_endpoint
    ):
        params = {"client_id": provider.client_id, "post_logout_redirect_uri": back}
        if id_token:
            params["id_token_hint"] = id_token
        # A page, not a redirect: the log-out button is a form, and the browser applies the
        # page's CSP form-action ('self') to redirects after a form too. Navigating on from a
        # page (meta refresh, or the link) is not a form submission.
        url = f"{provider.end_session_endpoint}?{urlencode(params)}"
        return render(request, "sso/logged_out.html", {"provider": provider, "url": url})
    if saml_url:
        return render(request, "sso/logged_out.html", {"provider": provider, "url": saml_url})
    return redirect("accounts:login")
