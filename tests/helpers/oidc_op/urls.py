import json

from django.contrib.auth import views as auth_views
from django.contrib.auth.models import Group, User
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.models import Application


@csrf_exempt
def set_user(request: HttpRequest) -> HttpResponse:
    """Test control: create or change a user (username, password, groups, name, email)."""
    data = json.loads(request.body)
    user, _created = User.objects.get_or_create(username=data["username"])
    user.set_password(data["password"])
    user.email = data.get("email", "")
    user.first_name = data.get("name", "")
    user.save()
    user.groups.set([Group.objects.get_or_create(name=g)[0] for g in data.get("groups", [])])
    return JsonResponse({"sub": str(user.pk)})


@csrf_exempt
def set_client(request: HttpRequest) -> HttpResponse:
    data = json.loads(request.body)
    Application.objects.filter(client_id=data["client_id"]).delete()
    Application.objects.create(
        name="Ombud",
        client_id=data["client_id"],
        client_secret=data["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=data["redirect_uri"],
        post_logout_redirect_uris=data.get("post_logout_redirect_uri", ""),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    return JsonResponse({"ok": True})


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="op_login.html"), name="login"),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("test/user/", set_user),
    path("test/client/", set_client),
]
