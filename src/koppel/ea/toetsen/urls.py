"""URLs of the toetsen: the teachers' pages under ``toetsen/`` and the pupils' public ``toets/``
("Toets maken"). Included at the root: ``path("", include("koppel.ea.toetsen.urls"))``."""

from django.urls import path

from koppel.ea.toetsen import views, views_leerling

app_name = "toetsen"

urlpatterns = [
    path("toetsen/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("toetsen/leerling/<int:leerling_pk>/starten/", views.starten, name="starten"),
    path("toetsen/leerling/<int:leerling_pk>/score/", views.score_kiezen, name="score_kiezen"),
    path("toetsen/afname/<int:afname_pk>/score/", views.score, name="score"),
    path("toetsen/afname/<int:afname_pk>/definitief/", views.definitief, name="definitief"),
    path("toetsen/definitief/", views.definitief_selectie, name="definitief_selectie"),
    path("toets/", views_leerling.inloggen, name="inloggen"),
    path("toets/maken/", views_leerling.maken, name="maken"),
    path("toets/maken/<int:volgnummer>/", views_leerling.onderdeel, name="onderdeel"),
    path("toets/inleveren/", views_leerling.inleveren, name="inleveren"),
    path("toets/klaar/", views_leerling.klaar, name="klaar"),
]
