"""URLs of the coupling: the school's Beheer pages and the klantenservice queue."""

from django.urls import path

from koppel.ea.koppeling import views

app_name = "koppeling"

urlpatterns = [
    path("beheer/uwlr-aanvragen/", views.aanvragen, name="aanvragen"),
    path("beheer/koppelen-met-las/", views.koppelen, name="koppelen"),
    path("beheer/koppelen-met-las/synchroniseren/", views.synchroniseren, name="synchroniseren"),
    path("klantenservice/", views.wachtrij, name="wachtrij"),
    path(
        "klantenservice/aanvragen/<int:pk>/goedkeuren/",
        views.aanvraag_goedkeuren,
        name="aanvraag_goedkeuren",
    ),
    path(
        "klantenservice/aanvragen/<int:pk>/afwijzen/",
        views.aanvraag_afwijzen,
        name="aanvraag_afwijzen",
    ),
    path("klantenservice/koppelingen/<int:pk>/", views.koppeling, name="koppeling"),
    path("klantenservice/koppelingen/<int:pk>/testaanroep/", views.testaanroep, name="testaanroep"),
    path(
        "klantenservice/koppelingen/<int:pk>/goedkeuren/",
        views.koppeling_goedkeuren,
        name="koppeling_goedkeuren",
    ),
    path(
        "klantenservice/koppelingen/<int:pk>/afwijzen/",
        views.koppeling_afwijzen,
        name="koppeling_afwijzen",
    ),
]
