"""Beheer → Leerkrachten with Django's test client and the real database: who may see it, the
statuses, paging and search, and "Uitnodiging opnieuw sturen" (mail in the locmem outbox, a
working link, refusals and the wait between two invitations)."""

from __future__ import annotations

import datetime as dt
import re
import smtplib
from collections.abc import Sequence
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koppel.ea.importeren import emails
from koppel.ea.klanten.models import Groep, Klant, Leerkracht

LIJST = reverse("klanten:leerkrachten")


def _leerkracht(klant: Klant, achternaam: str, **velden: Any) -> Leerkracht:
    velden.setdefault("roepnaam", "Mitchel")
    velden.setdefault("emailadres", f"{achternaam.lower()}@school.nl")
    return Leerkracht.objects.create(klant=klant, achternaam=achternaam, **velden)


def _uitnodigen(pk: int) -> str:
    return reverse("klanten:leerkracht_uitnodigen", args=[pk])


def _link(bericht: str) -> str:
    gevonden = re.search(r"https?://[^/\s]+(/uitnodiging/\S+/)", bericht)
    assert gevonden is not None
    return gevonden.group(1)


def _vroeger(leerkracht: Leerkracht, **tijd: float) -> None:
    """Pretend the last invitation went out ``tijd`` ago."""
    Leerkracht.objects.filter(pk=leerkracht.pk).update(
        uitgenodigd_op=timezone.now() - dt.timedelta(**tijd)
    )


def test_the_beheer_page_links_to_the_teachers(beheerder_client: Client) -> None:
    assert f'href="{LIJST}"' in beheerder_client.get(reverse("portal:beheer")).text


def test_a_leerkracht_may_not_see_the_teachers(leerkracht_client: Client, klant: Klant) -> None:
    collega = _leerkracht(klant, "Collega")
    assert leerkracht_client.get(LIJST).status_code == 403
    assert leerkracht_client.post(_uitnodigen(collega.pk)).status_code == 403
    assert mail.outbox == []


def test_another_schools_teacher_cannot_be_invited(
    beheerder_client: Client, andere_klant: Klant
) -> None:
    vreemd = _leerkracht(andere_klant, "Vreemd")
    assert beheerder_client.post(_uitnodigen(vreemd.pk)).status_code == 404
    assert "Vreemd" not in beheerder_client.get(LIJST).text
    assert mail.outbox == []


def test_each_teacher_is_listed_with_email_groups_and_status(
    beheerder_client: Client, klant: Klant
) -> None:
    groep = Groep.objects.create(klant=klant, naam="Groep 5a")
    bakker = _leerkracht(klant, "Bakker", user=User.objects.create_user("b", password="x-y-z-1"))
    bakker.groepen.add(groep)
    _leerkracht(klant, "Jansen", uitgenodigd_op=timezone.now() - dt.timedelta(days=8))
    _leerkracht(klant, "Pietersen", emailadres="")
    _leerkracht(klant, "Weg", actief=False, las_key="K9")

    tekst = re.sub(r"\s+", " ", beheerder_client.get(LIJST).text)

    assert "<h1>Leerkrachten (4)</h1>" in tekst
    assert "<td>Bakker, Mitchel</td> <td>bakker@school.nl</td> <td>Groep 5a</td>" in tekst
    assert "<td>Account actief</td>" in tekst
    assert "<td>Uitnodiging verlopen</td>" in tekst
    assert "<td>Geen e-mailadres</td>" in tekst
    assert "<td>Niet meer in het LAS</td>" in tekst
    assert tekst.count("Uitnodiging opnieuw sturen") == 1  # only Jansen


def test_the_list_shows_25_teachers_a_page(beheerder_client: Client, klant: Klant) -> None:
    for n in range(30):
        _leerkracht(klant, f"Docent{n:02}")

    eerste = beheerder_client.get(LIJST).text
    tweede = beheerder_client.get(LIJST, {"pagina": 2}).text

    assert "Leerkrachten 1 t/m 25 (van 30)" in eerste and "Docent24" in eerste
    assert "Docent25" not in eerste
    assert "Leerkrachten 26 t/m 30 (van 30)" in tweede and "Docent29" in tweede


def test_the_search_finds_teachers_by_every_word_of_their_name(
    beheerder_client: Client, klant: Klant
) -> None:
    _leerkracht(klant, "Vries", roepnaam="Jan", voorvoegsel="de")
    _leerkracht(klant, "Vries", roepnaam="Anna", emailadres="anna@school.nl")
    _leerkracht(klant, "Bakker", roepnaam="Jan")

    tekst = beheerder_client.get(LIJST, {"zoek": "jan vries"}).text

    assert "Vries, Jan de" in tekst
    assert "Anna" not in tekst and "Bakker" not in tekst
    assert "Geen leerkrachten gevonden" in beheerder_client.get(LIJST, {"zoek": "xyz"}).text


def test_resending_an_expired_invitation_mails_a_link_that_works_and_kills_the_old_one(
    beheerder_client: Client, klant: Klant
) -> None:
    jansen = _leerkracht(klant, "Jansen")
    emails.invite(jansen.pk, now=timezone.now())
    oude_link = _link(mail.outbox[0].body)
    _vroeger(jansen, days=8)

    antwoord = beheerder_client.post(_uitnodigen(jansen.pk), {"zoek": "jan"}, follow=True)

    assert antwoord.redirect_chain[0][0] == f"{LIJST}?zoek=jan"
    assert "Er is een nieuwe uitnodiging verstuurd naar jansen@school.nl." in antwoord.text
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["jansen@school.nl"]
    jansen.refresh_from_db()
    assert timezone.now() - jansen.uitgenodigd_op < dt.timedelta(minutes=1)
    assert "Uitgenodigd op" in antwoord.text
    verlopen = Client().get(oude_link, follow=True).text
    assert "Deze uitnodiging is verlopen of al gebruikt." in verlopen
    _zet_wachtwoord(_link(mail.outbox[1].body))
    assert User.objects.get(username="jansen@school.nl").check_password("paarden-eten-hooi")


def _zet_wachtwoord(link: str) -> None:
    browser = Client()
    formulier = browser.get(link, follow=True)
    assert "Herhaal wachtwoord" in formulier.text
    wachtwoord = "paarden-eten-hooi"
    klaar = browser.post(
        formulier.redirect_chain[-1][0],
        {"new_password1": wachtwoord, "new_password2": wachtwoord},
        follow=True,
    )
    assert "Je account is aangemaakt" in klaar.text


def test_a_teacher_never_invited_gets_an_account_and_an_invitation(
    beheerder_client: Client, klant: Klant
) -> None:
    nieuw = _leerkracht(klant, "Nieuw")

    antwoord = beheerder_client.post(_uitnodigen(nieuw.pk), follow=True)

    assert "Er is een nieuwe uitnodiging verstuurd naar nieuw@school.nl." in antwoord.text
    nieuw.refresh_from_db()
    assert nieuw.user is not None and nieuw.user.username == "nieuw@school.nl"
    assert nieuw.uitgenodigd_op is not None
    _zet_wachtwoord(_link(mail.outbox[0].body))


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"emailadres": ""}, "Mitchel Weg heeft geen e-mailadres."),
        ({"actief": False}, "Mitchel Weg staat niet meer in het LAS."),
    ],
)
def test_an_invitation_is_refused_without_an_address_or_for_an_inactive_teacher(
    beheerder_client: Client, klant: Klant, velden: dict[str, Any], melding: str
) -> None:
    weg = _leerkracht(klant, "Weg", **velden)
    antwoord = beheerder_client.post(_uitnodigen(weg.pk), follow=True)
    assert melding in antwoord.text
    assert mail.outbox == []
    assert Leerkracht.objects.get(pk=weg.pk).user is None


def test_a_teacher_with_an_account_is_not_invited_again(
    beheerder_client: Client, klant: Klant
) -> None:
    user = User.objects.create_user("actief@school.nl", password="paarden-eten-hooi")
    actief = _leerkracht(klant, "Actief", user=user)

    antwoord = beheerder_client.post(_uitnodigen(actief.pk), follow=True)

    assert "Mitchel Actief heeft al een account." in antwoord.text
    assert mail.outbox == []
    assert User.objects.get(pk=user.pk).check_password("paarden-eten-hooi")


def test_a_teacher_is_invited_at_most_once_in_five_minutes(
    beheerder_client: Client, klant: Klant
) -> None:
    jansen = _leerkracht(klant, "Jansen")
    beheerder_client.post(_uitnodigen(jansen.pk))

    tweede = beheerder_client.post(_uitnodigen(jansen.pk), follow=True)
    assert "Mitchel Jansen is net uitgenodigd. Je kunt over 5 minuten opnieuw" in tweede.text
    assert len(mail.outbox) == 1

    _vroeger(jansen, minutes=5, seconds=1)
    beheerder_client.post(_uitnodigen(jansen.pk))
    assert len(mail.outbox) == 2


def test_resending_needs_a_post_with_a_csrf_token(beheerder: User, klant: Klant) -> None:
    jansen = _leerkracht(klant, "Jansen")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(beheerder, backend="django.contrib.auth.backends.ModelBackend")

    assert browser.get(_uitnodigen(jansen.pk)).status_code == 405
    assert browser.post(_uitnodigen(jansen.pk)).status_code == 403
    assert mail.outbox == []


class KapotteMail(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected("weg")


def test_a_failed_email_changes_nothing_and_says_so(
    beheerder_client: Client, klant: Klant, settings: Any
) -> None:
    jansen = _leerkracht(klant, "Jansen")
    settings.EMAIL_BACKEND = f"{__name__}.KapotteMail"

    antwoord = beheerder_client.post(_uitnodigen(jansen.pk), follow=True)

    assert "De uitnodiging kon niet worden verstuurd." in antwoord.text
    jansen.refresh_from_db()
    assert (jansen.user, jansen.uitgenodigd_op) == (None, None)
    assert not User.objects.filter(username="jansen@school.nl").exists()


def test_a_fresh_invitation_follows_a_changed_address_and_the_account_takes_it_over(
    beheerder_client: Client, klant: Klant
) -> None:
    jansen = _leerkracht(klant, "Jansen")
    emails.invite(jansen.pk, now=timezone.now() - dt.timedelta(days=8))
    Leerkracht.objects.filter(pk=jansen.pk).update(emailadres="Nieuw@School.nl")

    antwoord = beheerder_client.post(_uitnodigen(jansen.pk), follow=True)

    assert "Er is een nieuwe uitnodiging verstuurd naar Nieuw@School.nl." in antwoord.text
    assert mail.outbox[-1].to == ["Nieuw@School.nl"]
    jansen.refresh_from_db()
    assert jansen.user is not None
    assert (jansen.user.username, jansen.user.email) == ("nieuw@school.nl", "Nieuw@School.nl")
    _zet_wachtwoord(_link(mail.outbox[-1].body))
    assert User.objects.get(username="nieuw@school.nl").check_password("paarden-eten-hooi")


def test_a_changed_address_that_another_account_has_is_refused_and_nothing_changes(
    beheerder_client: Client, klant: Klant
) -> None:
    jansen = _leerkracht(klant, "Jansen")
    emails.invite(jansen.pk, now=timezone.now() - dt.timedelta(days=8))
    User.objects.create_user("collega@school.nl", email="collega@school.nl")
    Leerkracht.objects.filter(pk=jansen.pk).update(emailadres="Collega@school.nl")
    verstuurd = len(mail.outbox)

    antwoord = beheerder_client.post(_uitnodigen(jansen.pk), follow=True)

    assert "Er bestaat al een account met het e-mailadres van" in antwoord.text
    assert len(mail.outbox) == verstuurd
    assert User.objects.filter(username="jansen@school.nl").exists()
