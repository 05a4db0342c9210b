"""URLs of partner onboarding: the public application form and password link (koppelpartner/),
the partner's portal, and the handling of applications by LAS-beheer (las-beheer/aanvragen/)."""

from __future__ import annotations

from django.urls import path

from koppel.las.partners import views

app_name = "partners"

urlpatterns = [
    path("koppelpartner/", views.portaal, name="portaal"),
    path("koppelpartner/aanvragen/", views.aanvraagformulier, name="aanvraagformulier"),
    path("koppelpartner/aanvragen/bedankt/", views.bedankt, name="bedankt"),
    path(
        "koppelpartner/wachtwoord/<uidb64>/<token>/",
        views.WachtwoordInstellenView.as_view(),
        name="wachtwoord",
    ),
    path("las-beheer/aanvragen/", views.aanvragen, name="aanvragen"),
    path("las-beheer/aanvragen/<int:pk>/", views.aanvraag, name="aanvraag"),
    path("las-beheer/aanvragen/<int:pk>/goedkeuren/", views.goedkeuren, name="goedkeuren"),
    path("las-beheer/aanvragen/<int:pk>/afwijzen/", views.afwijzen, name="afwijzen"),
    path(
        "las-beheer/aanvragen/<int:pk>/opnieuw-versturen/",
        views.opnieuw_versturen,
        name="opnieuw-versturen",
    ),
]
