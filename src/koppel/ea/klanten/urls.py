from django.urls import path

from koppel.ea.klanten import views

app_name = "klanten"

urlpatterns = [path("leerlingen/", views.leerlingen, name="leerlingen")]
