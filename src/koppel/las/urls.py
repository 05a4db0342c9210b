"""URLs of the LAS: the pages per area, the partner pages, the UWLR services and the GKV."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("koppel.las.portal.urls")),
    path("", include("koppel.las.accounts.urls")),
    path("", include("koppel.las.school.urls")),
    path("beheer/", include("koppel.las.koppelingen.urls")),
    path("beheer/", include("koppel.las.logboek.urls")),
    path("", include("koppel.las.partners.urls")),
    path("uwlr/", include("koppel.las.uwlr_service.urls")),
    path("bao/services/cxf/v3/", include("koppel.las.gkv.urls")),
    path("oidc/", include("koppel.las.sso.oidc_urls")),
    path("beheer/", include("koppel.las.sso.urls")),
]
