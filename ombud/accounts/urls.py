from django.urls import path

from ombud.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.OmbudLoginView.as_view(), name="login"),
    path("bekraeft/", views.verify, name="verify"),
    path("to-faktor/", views.setup_2fa, name="setup_2fa"),
    path("log-ud/", views.logout, name="logout"),
    path("adgangskode/", views.password_change, name="password_change"),
]
