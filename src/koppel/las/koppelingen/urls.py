"""URLs of Beheer → Koppelingen and Beheer → Privacy → Gegevenstoegang (included under beheer/)."""

from django.urls import path

from koppel.las.koppelingen import views

app_name = "koppelingen"

urlpatterns = [
    path("koppelingen/", views.lijst, name="lijst"),
    path("koppelingen/<int:pk>/", views.koppeling, name="koppeling"),
    path("koppelingen/<int:pk>/afnemen/", views.afnemen, name="afnemen"),
    path("koppelingen/<int:pk>/sleutel/", views.sleutel, name="sleutel"),
    path(
        "koppelingen/<int:pk>/leveranciersleutel/",
        views.leveranciersleutel,
        name="leveranciersleutel",
    ),
    path("koppelingen/<int:pk>/deactiveren/", views.deactiveren, name="deactiveren"),
    path("koppelingen/<int:pk>/gegevensset/", views.gegevensset, name="gegevensset"),
    path("privacy/gegevenstoegang/", views.gegevenstoegang, name="gegevenstoegang"),
]
