from django.urls import path

from koppel.las.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("beheer/", views.beheer, name="beheer"),
    path("overzichten/", views.overzichten, name="overzichten"),
    path("school-kiezen/", views.school_kiezen, name="school-kiezen"),
]
