"""URLs of Gegevens importeren, included at ``beheer/koppelen-met-las/importeren/``."""

from django.urls import path

from koppel.ea.importeren import views

app_name = "importeren"

urlpatterns = [
    path("", views.start, name="start"),
    path("ophalen/", views.ophalen, name="ophalen"),
    path("samenvatting/", views.samenvatting, name="samenvatting"),
    path("uitvoeren/", views.uitvoeren, name="uitvoeren"),
    path("afbreken/", views.afbreken, name="afbreken"),
    path("leerkrachten/emailadres/", views.emailadres, name="emailadres"),
    path("<str:soort>/koppelen/", views.koppelen, name="koppelen"),
    path("<str:soort>/niet-importeren/", views.niet_importeren, name="niet_importeren"),
    path("<str:soort>/terugzetten/", views.terugzetten, name="terugzetten"),
]
