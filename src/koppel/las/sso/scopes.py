"""The scopes a partner may ask, worded as the consent page shows them (read by the settings, so
this module imports no Django). Every claim comes with ``openid``; see
:mod:`koppel.las.sso.validators`."""

from __future__ import annotations

SCOPES: dict[str, str] = {
    "openid": "Inloggen met je LAS-account",
    "profile": "Je naam en gebruikersnaam",
    "email": "Je e-mailadres",
    "school": "Je school (BRIN), je rol, je groepen en je ECK-iD",
}
