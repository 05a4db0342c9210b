from django.urls import path

from koppel.las.partners import views

app_name = "partners"

urlpatterns = [
    path("las-beheer/aanvragen/", views.placeholder, name="aanvragen"),
    path("koppelpartner/", views.placeholder, name="portaal"),
]
