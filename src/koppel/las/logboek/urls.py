"""URL of Beheer → Privacy → Wijzigingslog (included under beheer/)."""

from django.urls import path

from koppel.las.logboek import views

app_name = "logboek"

urlpatterns = [
    path("privacy/wijzigingslog/", views.wijzigingslog, name="wijzigingslog"),
]
