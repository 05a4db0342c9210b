from django.urls import path

from koppel.las.koppelingen import views

app_name = "koppelingen"

urlpatterns = [
    path("koppelingen/", views.placeholder, name="lijst"),
    path("privacy/gegevenstoegang/", views.placeholder, name="gegevenstoegang"),
]
