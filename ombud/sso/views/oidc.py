"""OpenID Connect: start a login at a provider, and take its answer back."""

import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from ombud.sso.models import Protocol
from ombud.sso.oidc import OidcBackend, ProviderSettings, provider_settings
from ombud.sso.selectors import provider_get_active
from ombud.sso.views.common import sign_in_complete, sign_in_refused

logger = logging.getLogger(__name__)

# state -> provider slug, beside the library's own "oidc_states" (nonce, PKCE verifier).
STATES_SESSION_KEY = "ombud_sso_oidc_states"


class _RequestView(ProviderSettings, OIDCAuthenticationRequestView):
    def __init__(self, values: dict[str, Any]) -> None:
        self.provider_values = values
        super().__init__()


@never_cache
@require_GET
def oidc_login(request: HttpRequest, slug: str) -> HttpResponse:
    provider = provider_get_active(slug, Protocol.OIDC)
    if provider is None:
        raise Http404
    view = _RequestView(provider_settings(provider))
    view.request = request
    response: HttpResponse = view.get(request)
    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    states = request.session.get(STATES_SESSION_KEY, {})
    states[state] = provider.slug
    request.session[STATES_SESSION_KEY] = states
    return response


@never_cache
@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    slug = request.session.get(STATES_SESSION_KEY, {}).pop(state, None)
    flow = request.session.get("oidc_states", {}).pop(state, None)
    request.session.modified = True
    provider = provider_get_active(slug, Protocol.OIDC) if slug else None
    if provider is None or flow is None:
        return sign_in_refused(
            request, _("The login has expired or was started in another window. Try again.")
        )
    if request.GET.get("error") or not request.GET.get("code"):
        return sign_in_refused(
            request, _("Your organisation's login did not let you in."), provider=provider
        )
    backend = OidcBackend(provider)
    try:
        user = backend.authenticate(
            request, nonce=flow.get("nonce"), code_verifier=flow.get("code_verifier")
        )
    except (SuspiciousOperation, requests.RequestException) as error:
        logger.warning("OIDC login through %s failed: %s", provider.slug, error)
        user = None
    if user is None or backend.assertion is None:
        return sign_in_refused(request, backend.refusal, provider=provider)
    return sign_in_complete(
        request,
        user,
        provider,
        mfa=backend.assertion.mfa,
        next_url=request.session.pop("oidc_login_next", None) or "",
    )
