from django.contrib.auth import views as auth_views
from django.urls import path

from koppel.las.accounts import views

app_name = "accounts"

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="accounts/inloggen.html"),
        name="inloggen",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="uitloggen"),
    path("beheer/twee-staps-verificatie/", views.twee_staps, name="twee-staps"),
]
