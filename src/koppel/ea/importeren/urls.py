from django.urls import path

from koppel.ea.importeren import views

app_name = "importeren"

urlpatterns = [path("", views.placeholder, name="start")]
