import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class DanishFirstLocaleMiddleware:
    """Danish unless the user picked another language in the footer menu.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and a municipal PC with
    an English Windows would then show English; our users expect Danish first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class SessionIdleRefreshMiddleware:
    """Keep an active session alive without writing it on every request.

    Sessions end after SESSION_COOKIE_AGE seconds without activity. Django's
    SESSION_SAVE_EVERY_REQUEST would do that with one database write per request; we write
    at most once a minute, so the idle timeout is exact to within that minute.
    """

    KEY = "_idle_touched"
    EVERY_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # An empty session (an anonymous visitor) is not created just to be refreshed.
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= self.EVERY_SECONDS:
                session[self.KEY] = now
        return response
