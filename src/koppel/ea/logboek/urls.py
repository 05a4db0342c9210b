from django.urls import path

from koppel.ea.logboek import views

app_name = "logboek"

urlpatterns = [
    path("beheer/logboek/", views.logboek, name="logboek"),
]
