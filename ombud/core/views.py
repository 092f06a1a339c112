"""Error pages: Django's handlers for 404, 403 and 500 (config/urls.py)."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request: the context processors would read the session and the
    user, and when the database is the thing that failed, the error page must not fail too
    (gunicorn would then answer with its bare page)."""
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
