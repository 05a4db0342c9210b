from django.urls import path

from koppel.ea.klanten import views, views_leerkrachten

app_name = "klanten"

urlpatterns = [
    path("leerlingen/", views.leerlingen, name="leerlingen"),
    path("beheer/leerkrachten/", views_leerkrachten.leerkrachten, name="leerkrachten"),
    path(
        "beheer/leerkrachten/<int:pk>/uitnodigen/",
        views_leerkrachten.opnieuw_uitnodigen,
        name="leerkracht_uitnodigen",
    ),
]
