"""URLs of "Resultaten naar LAS": the school's Beheer page and the klantenservice list."""

from django.urls import path

from koppel.ea.resultaten import views

app_name = "resultaten"

urlpatterns = [
    path("beheer/resultaten-naar-las/", views.overzicht, name="overzicht"),
    path("beheer/resultaten-naar-las/opnieuw-versturen/", views.opnieuw, name="opnieuw"),
    path("klantenservice/resultaten-naar-las/", views.mislukt, name="mislukt"),
    path(
        "klantenservice/resultaten-naar-las/opnieuw-versturen/",
        views.mislukt_opnieuw,
        name="mislukt_opnieuw",
    ),
]
