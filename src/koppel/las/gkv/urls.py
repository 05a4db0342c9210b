"""URL of the GKV, where ParnasSys clients expect it (included under ``bao/services/cxf/v3/``)."""

from __future__ import annotations

from django.urls import path

from koppel.las.gkv import views

app_name = "gkv"
urlpatterns = [path("generic", views.generic, name="generic")]
