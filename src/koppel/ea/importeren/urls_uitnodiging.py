"""The teachers' invitation link, included at the root: ``/uitnodiging/<uidb64>/<token>/``."""

from django.urls import path

from koppel.ea.importeren import views

app_name = "uitnodiging"

urlpatterns = [
    path(
        "uitnodiging/<uidb64>/<token>/",
        views.AccountAanmakenView.as_view(),
        name="account_aanmaken",
    ),
]
