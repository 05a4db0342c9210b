"""Writes of accounts: create a user with a role in a school, for LAS-beheer or for a partner."""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from koppel.las.accounts.models import BEHEERDER, LAS_BEHEER, MEDEWERKER, Schoolrol
from koppel.las.errors import AlreadyExists, InvalidState
from koppel.las.school.models import Leerkracht, School


@transaction.atomic
def create_user(
    gebruikersnaam: str,
    *,
    wachtwoord: str | None,
    naam: str = "",
    emailadres: str = "",
) -> User:
    """A user with a validated password (``None``: none yet, e.g. set later by e-mail link)."""
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


def grant_school(
    user: User, school: School, *, rol: str, leerkracht: Leerkracht | None = None
) -> Schoolrol:
    """Give a user a role in a school (replacing an earlier role there)."""
    if rol not in (BEHEERDER, MEDEWERKER):
        raise InvalidState(f"Onbekende rol: {rol}.")
    if leerkracht is not None and leerkracht.school_id != school.pk:
        raise InvalidState("De leerkracht hoort niet bij deze school.")
    schoolrol, _ = Schoolrol.objects.update_or_create(
        user=user, school=school, defaults={"rol": rol, "leerkracht": leerkracht}
    )
    return schoolrol


def grant_las_beheer(user: User) -> None:
    # get_or_create: the data migration made it, but a flushed test database may lack it
    user.groups.add(Group.objects.get_or_create(name=LAS_BEHEER)[0])
