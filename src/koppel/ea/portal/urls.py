from django.urls import path

from koppel.ea.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("beheer/", views.beheer, name="beheer"),
]
