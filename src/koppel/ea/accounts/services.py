"""Writes of accounts: users with a role at a school, and klantenservice staff."""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from koppel.ea.accounts.models import BEHEERDER, KLANTENSERVICE, LEERKRACHT, Rol
from koppel.ea.errors import AlreadyExists, InvalidState
from koppel.ea.klanten.models import Klant


@transaction.atomic
def create_user(
    gebruikersnaam: str, *, wachtwoord: str | None, naam: str = "", emailadres: str = ""
) -> User:
    """A user with a validated password (``None``: none yet, set through an invitation)."""
    if User.objects.filter(username__iexact=gebruikersnaam).exists():
        raise AlreadyExists(f"Gebruiker {gebruikersnaam} bestaat al.")
    voornaam, _, achternaam = naam.partition(" ")
    user = User(username=gebruikersnaam, first_name=voornaam, last_name=achternaam)
    user.email = emailadres
    if wachtwoord is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(wachtwoord, user)
        except ValidationError as error:
            raise InvalidState(" ".join(error.messages)) from error
        user.set_password(wachtwoord)
    user.save()
    return user


def grant(user: User, klant: Klant, *, rol: str) -> Rol:
    if rol not in (BEHEERDER, LEERKRACHT):
        raise InvalidState(f"Onbekende rol: {rol}.")
    gegeven, _ = Rol.objects.update_or_create(user=user, klant=klant, defaults={"rol": rol})
    return gegeven


def grant_klantenservice(user: User) -> None:
    user.groups.add(Group.objects.get_or_create(name=KLANTENSERVICE)[0])
