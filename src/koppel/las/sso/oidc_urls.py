"""The OpenID Connect endpoints (namespace ``oauth2_provider``, which django-oauth-toolkit's
discovery document reverses): our own authorization view, DOT's token, userinfo, JWKS, discovery
and RP-initiated logout. No application management or device flow pages are exposed."""

from __future__ import annotations

from django.urls import path, re_path
from oauth2_provider import views as dot

from koppel.las.sso.views import AutorisatieView

app_name = "oauth2_provider"

urlpatterns = [
    path("authorize/", AutorisatieView.as_view(), name="authorize"),
    path("token/", dot.TokenView.as_view(), name="token"),
    path("revoke_token/", dot.RevokeTokenView.as_view(), name="revoke-token"),
    re_path(
        r"^\.well-known/openid-configuration/?$",
        dot.ConnectDiscoveryInfoView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", dot.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", dot.UserInfoView.as_view(), name="user-info"),
    path("logout/", dot.RPInitiatedLogoutView.as_view(), name="rp-initiated-logout"),
]
