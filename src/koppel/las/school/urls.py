"""URLs of the school pages: the top-bar sections Leerling, Groep, Medewerker and School, with the
teachers' records of a groep (absences, method-test scores) from the leerlingdossier app."""

from __future__ import annotations

from django.urls import path

from koppel.las.leerlingdossier import views as dossier
from koppel.las.leerlingdossier import views_loopbaan as dossier_loopbaan
from koppel.las.leerlingdossier import views_verzorgers as dossier_verzorgers
from koppel.las.school import views

app_name = "school"

urlpatterns = [
    path("leerling/", views.leerlingen, name="leerlingen"),
    path("leerling/toevoegen/", views.leerling_toevoegen, name="leerling-toevoegen"),
    path("leerling/<int:pk>/", views.leerling, name="leerling"),
    path(
        "leerling/<int:pk>/andere-groep/",
        views.leerling_andere_groep,
        name="leerling-andere-groep",
    ),
    path(
        "leerling/<int:pk>/uitschrijven/",
        views.leerling_uitschrijven,
        name="leerling-uitschrijven",
    ),
    path(
        "leerling/<int:pk>/verzorger/toevoegen/",
        dossier_verzorgers.verzorger_toevoegen,
        name="verzorger-toevoegen",
    ),
    path(
        "leerling/<int:pk>/verzorger/koppelen/",
        dossier_verzorgers.verzorger_koppelen,
        name="verzorger-koppelen",
    ),
    path(
        "leerling/<int:pk>/verzorger/<int:verzorger>/wijzigen/",
        dossier_verzorgers.verzorger_wijzigen,
        name="verzorger-wijzigen",
    ),
    path(
        "leerling/<int:pk>/verzorger/<int:verzorger>/ontkoppelen/",
        dossier_verzorgers.verzorger_ontkoppelen,
        name="verzorger-ontkoppelen",
    ),
    path("leerling/<int:pk>/uitstroom/", dossier_loopbaan.uitstroom, name="uitstroom"),
    path(
        "leerling/<int:pk>/uitstroom/wissen/",
        dossier_loopbaan.uitstroom_wissen,
        name="uitstroom-wissen",
    ),
    path(
        "leerling/<int:pk>/arrangement/toevoegen/",
        dossier_loopbaan.arrangement_toevoegen,
        name="arrangement-toevoegen",
    ),
    path(
        "leerling/<int:pk>/arrangement/<int:arrangement>/beeindigen/",
        dossier_loopbaan.arrangement_beeindigen,
        name="arrangement-beeindigen",
    ),
    path(
        "leerling/<int:pk>/arrangement/<int:arrangement>/verwijderen/",
        dossier_loopbaan.arrangement_verwijderen,
        name="arrangement-verwijderen",
    ),
    path("groep/", views.groepen, name="groepen"),
    path("groep/<int:pk>/", views.groep, name="groep"),
    path("groep/<int:pk>/absenties/", dossier.absenties, name="groep-absenties"),
    path(
        "groep/<int:pk>/absenties/<int:absentie>/verwijderen/",
        dossier.absentie_verwijderen,
        name="groep-absentie-verwijderen",
    ),
    path("groep/<int:pk>/toetsscore/", dossier.toetsscore_invoeren, name="groep-toetsscore"),
    path("groep/<int:pk>/methodetoets/", dossier.methodetoets_toevoegen, name="groep-methodetoets"),
    path(
        "groep/samengesteld/<int:pk>/",
        views.samengestelde_groep,
        name="samengestelde-groep",
    ),
    path("medewerker/", views.medewerkers, name="medewerkers"),
    path("medewerker/<int:pk>/", views.medewerker, name="medewerker"),
    path("medewerker/<int:pk>/groepen/", views.medewerker_groepen, name="medewerker-groepen"),
    path("school/", views.school, name="school"),
]
