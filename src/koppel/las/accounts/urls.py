"""URLs of logging in and out, the own password and two-step verification."""

from django.urls import path

from koppel.las.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.InloggenView.as_view(), name="inloggen"),
    path("inloggen/verificatie/", views.verificatie, name="verificatie"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("wachtwoord/", views.WachtwoordView.as_view(), name="wachtwoord"),
    path("beheer/twee-staps-verificatie/", views.twee_staps, name="twee-staps"),
    path(
        "las-beheer/twee-staps-verificatie/",
        views.twee_staps_las_beheer,
        name="twee-staps-las-beheer",
    ),
]
