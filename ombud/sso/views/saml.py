"""SAML 2.0: start a login at a provider, take its signed answer, serve Ombud's metadata."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from djangosaml2.utils import get_location
from djangosaml2.views import (
    AssertionConsumerServiceView,
    LoginView,
    LogoutView,
    MetadataView,
    SPConfigMixin,
    _get_subject_id,
    _set_subject_id,
)
from saml2 import BINDING_HTTP_REDIRECT
from saml2.client_base import LogoutError
from saml2.s_utils import UnsupportedBinding

from ombud.sso.models import IdentityProvider, Protocol
from ombud.sso.saml import assertion_from_session_info, sp_config
from ombud.sso.selectors import provider_get_active
from ombud.sso.services import SignInRefusedError, sign_in_resolve
from ombud.sso.views.common import sign_in_complete, sign_in_refused

logger = logging.getLogger(__name__)


def saml_login(request: HttpRequest, slug: str) -> HttpResponse:
    provider = provider_get_active(slug, Protocol.SAML)
    if provider is None or not provider.saml_entity_id:
        raise Http404
    query = request.GET.copy()
    query["idp"] = provider.saml_entity_id  # djangosaml2 picks the IdP from the query
    request.GET = query  # type: ignore[assignment]
    response: HttpResponse = LoginView.as_view(config_loader_path=sp_config)(request)
    return response


saml_metadata = MetadataView.as_view(config_loader_path=sp_config)


class _Refused(PermissionDenied):
    def __init__(self, message: str, provider: IdentityProvider | None) -> None:
        super().__init__(message)
        self.message, self.provider = message, provider


# The provider posts the answer from its own site: no CSRF token can come with it. The answer
# is instead checked by pysaml2 (signature, audience, InResponseTo a request of this browser).
@method_decorator(csrf_exempt, name="dispatch")
class AcsView(AssertionConsumerServiceView):
    config_loader_path = staticmethod(sp_config)

    def authenticate_user(
        self,
        request: HttpRequest,
        session_info: dict[str, Any],
        attribute_mapping: Any,
        create_unknown_user: Any,
        assertion_info: Any,
    ) -> Any:
        provider = IdentityProvider.objects.filter(
            protocol=Protocol.SAML, is_active=True, saml_entity_id=session_info.get("issuer")
        ).first()
        if provider is None:
            raise _Refused("", None)
        assertion = assertion_from_session_info(provider, session_info)
        try:
            user = sign_in_resolve(assertion)
        except SignInRefusedError as refusal:
            raise _Refused(refusal.message, provider) from refusal
        self.ombud_response = sign_in_complete(
            request,
            user,
            provider,
            mfa=assertion.mfa,
            next_url=request.POST.get("RelayState", ""),
        )
        # djangosaml2 keeps the subject for single logout.
        _set_subject_id(request.saml_session, session_info["name_id"])  # type: ignore[attr-defined]
        return user

    def custom_redirect(self, user: Any, relay_state: str, session_info: Any) -> str:
        return str(self.ombud_response["Location"])

    def handle_acs_failure(
        self, request: HttpRequest, exception: Any = None, status: int = 403, **kwargs: Any
    ) -> HttpResponse:
        if isinstance(exception, _Refused):
            return sign_in_refused(request, exception.message, provider=exception.provider)
        logger.warning("SAML login refused: %r", exception)
        return sign_in_refused(request, _("Your organisation's login did not let you in."))


saml_acs = AcsView.as_view()


def saml_logout_url(request: HttpRequest) -> str | None:
    """Start single logout at the provider that logged this session in: the address of the
    provider's logout service with Ombud's LogoutRequest, or None when it has none."""
    state, client = SPConfigMixin().get_state_client(request)
    subject_id = _get_subject_id(request.saml_session)  # type: ignore[attr-defined]
    if subject_id is None:
        return None
    try:
        result = client.global_logout(subject_id)
    except (LogoutError, UnsupportedBinding) as error:
        logger.info("SAML single logout not offered: %s", error)
        return None
    finally:
        state.sync()
    for logout_info in (result or {}).values():
        if isinstance(logout_info, tuple) and logout_info[0] == BINDING_HTTP_REDIRECT:
            return str(get_location(logout_info[1]))
    return None


# The provider's LogoutResponse (or its own LogoutRequest) comes back here.
saml_sls = csrf_exempt(LogoutView.as_view(config_loader_path=sp_config))
