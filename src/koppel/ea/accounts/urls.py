from django.contrib.auth import views as auth_views
from django.urls import path

from koppel.ea.accounts import views

app_name = "accounts"

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="accounts/inloggen.html"),
        name="inloggen",
    ),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
]
