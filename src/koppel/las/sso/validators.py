"""django-oauth-toolkit's validator with the claims a koppelpartner receives.

Every claim goes into both the id_token and the userinfo answer when the client asked the
``openid`` scope: the partner needs them to find the user's account (see
:func:`koppel.las.sso.selectors.claims`). The school is the one the user signs in through; a user
who may no longer sign in (coupling or right ended) gets no claims beyond ``sub``.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from oauth2_provider.oauth2_validators import OAuth2Validator

from koppel.las.sso import selectors
from koppel.las.sso.decisions import Weigering


class KoppelValidator(OAuth2Validator):  # type: ignore[misc]
    # The scopes (koppel.las.sso.scopes) are what consent is given for, not a filter of claims
    oidc_claim_scope = None

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        rol = selectors.sign_in_rol(request.user, request.client, today=timezone.localdate())
        if isinstance(rol, Weigering):
            return {}
        return selectors.claims(request.user, rol)
