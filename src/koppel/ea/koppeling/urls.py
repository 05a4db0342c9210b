from django.urls import path

from koppel.ea.koppeling import views

app_name = "koppeling"

urlpatterns = [
    path("beheer/uwlr-aanvragen/", views.placeholder, name="aanvragen"),
    path("beheer/koppelen-met-las/", views.placeholder, name="koppelen"),
    path("klantenservice/", views.placeholder, name="wachtrij"),
]
