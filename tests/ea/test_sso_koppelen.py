"""Which EA account a LAS identity belongs to (ECK-iD before e-mail, only within the school,
never an ambiguous match), linking it once, and which LAS addresses the EA accepts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from koppel.ea.accounts.models import BEHEERDER, LEERKRACHT, Rol
from koppel.ea.errors import InvalidState
from koppel.ea.klanten.models import Klant, Leerkracht
from koppel.ea.sso import selectors, services
from koppel.ea.sso.decisions import kies_account
from koppel.ea.sso.providers import Provider, issuer_allowed
from koppel.ea.sso.rp import Identiteit, code_challenge

ECKID = "https://ketenid.nl/201703/" + "c" * 64


def _identiteit(**changes: str) -> Identiteit:
    values = {"issuer": "https://las.example/oidc", "sub": "7", "naam": "Juf", "email": "juf@x.nl"}
    values |= {"eckid": ECKID, "brin": "99XX", "id_token": "x"} | changes
    return Identiteit(**values)


def _leerkracht(klant: Klant, naam: str, *, eckid: str = "", email: str = "") -> User:
    user = User.objects.create_user(naam)
    Rol.objects.create(user=user, klant=klant, rol=LEERKRACHT)
    Leerkracht.objects.create(
        klant=klant, achternaam=naam, eckid=eckid, emailadres=email, user=user
    )
    return user


def test_an_eckid_match_wins_over_an_email_match() -> None:
    assert kies_account(op_eckid=[1], op_email=[2]) == 1


def test_an_ambiguous_match_is_no_match() -> None:
    assert kies_account(op_eckid=[1, 2], op_email=[3]) is None
    assert kies_account(op_eckid=[], op_email=[3, 4]) is None
    assert kies_account(op_eckid=[], op_email=[3, 3]) == 3


def test_the_account_is_found_by_eckid(klant: Klant) -> None:
    user = _leerkracht(klant, "jansen", eckid=ECKID)
    _leerkracht(klant, "pietersen", email="juf@x.nl")
    assert selectors.passend_account(_identiteit()) == user


def test_the_account_is_found_by_email_without_case(klant: Klant) -> None:
    user = _leerkracht(klant, "jansen", email="Juf@X.nl")
    assert selectors.passend_account(_identiteit(eckid="")) == user


def test_a_beheerder_is_found_by_the_email_of_the_account(klant: Klant) -> None:
    user = User.objects.create_user("baas", email="juf@x.nl")
    Rol.objects.create(user=user, klant=klant, rol=BEHEERDER)
    assert selectors.passend_account(_identiteit(eckid="")) == user


def test_an_account_of_another_school_is_never_found(klant: Klant, andere_klant: Klant) -> None:
    _leerkracht(andere_klant, "jansen", eckid=ECKID, email="juf@x.nl")
    assert selectors.passend_account(_identiteit()) is None
    assert selectors.passend_account(_identiteit(brin="")) is None


def test_an_identity_is_linked_to_one_account_only(klant: Klant) -> None:
    first, second = _leerkracht(klant, "a"), _leerkracht(klant, "b")
    now = timezone.now()
    services.koppel_identiteit(first, issuer="https://l/oidc", sub="7", eckid="", now=now)
    assert services.koppel_identiteit(first, issuer="https://l/oidc", sub="7", eckid="", now=now)
    with pytest.raises(InvalidState, match="al aan een ander account"):
        services.koppel_identiteit(second, issuer="https://l/oidc", sub="7", eckid="", now=now)


@pytest.mark.parametrize(
    ("issuer", "allowed"),
    [
        ("https://las.example/oidc", True),
        ("http://127.0.0.1:8001/oidc", True),
        ("http://localhost:8001/oidc", True),
        ("http://las.example/oidc", False),
        ("ftp://las.example/oidc", False),
    ],
)
def test_only_https_or_loopback_issuers_are_used(issuer: str, allowed: bool) -> None:
    assert issuer_allowed(issuer) is allowed


def test_the_pkce_challenge_follows_rfc_7636() -> None:
    # the example of RFC 7636, appendix B
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert code_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_a_provider_never_shows_its_secret() -> None:
    provider = Provider(
        code="p", naam="P", issuer="https://l", client_id="c", client_secret="geheim"
    )
    assert "geheim" not in repr(provider)
