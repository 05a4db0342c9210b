"""The teachers' toetsen pages through Django's test client: Uitnodigen with the Inlogcodes page
and its e-mail, Score invoeren with Dutch errors and the norm shown, Definitief maken (one and a
selection), and the 404 for pupils of another group."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from koppel.ea.resultaten.models import Resultaat, Uitgaand
from koppel.ea.toetsen import inlogcodes, services
from koppel.ea.toetsen.models import DEFINITIEF, GENORMEERD, Afname, Toets
from tests.ea import test_toetsen_hulp as hulp
from tests.ea.test_toetsen_hulp import LV, NU, RW, onderdeel_ids, rol
from tests.support.las_process import free_port

pytestmark = pytest.mark.django_db
school, toetsen = hulp.school, hulp.toetsen  # the shared fixtures
School = dict[str, Any]
CODE = re.compile(r'<td class="inlogcode">([A-Z2-9]{4}-[A-Z2-9]{4})</td>')


@pytest.fixture
def met_email(leerkracht_user: User) -> User:
    leerkracht_user.email = "meester@school.example"
    leerkracht_user.save()
    return leerkracht_user


def _score_velden(toets: Toets, *scores: object) -> dict[str, object]:
    return {f"onderdeel_{pk}": s for pk, s in zip(onderdeel_ids(toets), scores, strict=True)}


def _genormeerd(user: User, school: School, toets: Toets, naam: str = "arent") -> Afname:
    afname = services.open_afname(rol(user), school[naam].pk, toets.pk, now=NU)
    scores = dict(zip(onderdeel_ids(toets), (8, 3), strict=True))
    return services.score_invoeren(rol(user), afname.pk, scores, now=NU)


# --- Uitnodigen ----------------------------------------------------------------------------------


def test_the_invitation_page_lists_the_selected_pupils_and_preselects_the_test(
    leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    query = {"leerling": [school["arent"].pk, school["jan"].pk], "test": toetsen[RW].pk}
    html = leerkracht_client.get("/toetsen/uitnodigen/", query).content.decode()
    assert "Gekozen leerlingen (2)" in html and "Jan de Vries" in html
    assert f'<option value="{toetsen[RW].pk}" selected>Rekenen-Wiskunde</option>' in html
    assert ">Groep 5a</option>" in html and "Groep 6b" not in html


def test_inviting_shows_each_code_once_and_mails_them_to_the_teacher(
    met_email: User, leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    data = {
        "leerling": [school["arent"].pk, school["bo"].pk],
        "toets": toetsen[LV].pk,
        "mailen": "on",
    }
    antwoord = leerkracht_client.post("/toetsen/uitnodigen/", data)
    html = antwoord.content.decode()
    assert antwoord.status_code == 200 and "no-store" in antwoord["Cache-Control"]
    assert "<h1>Inlogcodes Leesvaardigheid</h1>" in html and "http://127.0.0.1:8002/toets/" in html
    codes = CODE.findall(html)
    digests = set(Afname.objects.values_list("inlogcode_digest", flat=True))
    assert {inlogcodes.digest(inlogcodes.normaliseer(c)) for c in codes} == digests
    [bericht] = mail.outbox
    assert bericht.to == ["meester@school.example"]
    assert bericht.subject == "Inlogcodes voor Leesvaardigheid (2 leerlingen)"
    assert all(code in bericht.body for code in codes)
    assert "Arent Acikbas (1001)" in bericht.body


def test_a_group_can_be_invited_without_selecting_pupils(
    leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    data = {"toets": toetsen[RW].pk, "groep": school["5a"].pk}
    html = leerkracht_client.post("/toetsen/uitnodigen/", data).content.decode()
    assert len(CODE.findall(html)) == 3
    assert "je account heeft geen e-mailadres" not in html  # mailen was not asked


def test_reinviting_shows_why_it_was_refused(
    met_email: User, leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    data = {"leerling": school["arent"].pk, "toets": toetsen[LV].pk}
    leerkracht_client.post("/toetsen/uitnodigen/", data)
    html = leerkracht_client.post("/toetsen/uitnodigen/", data).content.decode()
    assert (
        "<h1>Uitnodigen</h1>" in html
        and "Arent Acikbas heeft de toets Leesvaardigheid al open" in html
    )
    assert Afname.objects.count() == 1


def test_a_failing_mail_server_is_reported_and_the_codes_are_still_shown_never_logged(
    met_email: User,
    leerkracht_client: Client,
    school: School,
    toetsen: dict[str, Toets],
    settings: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    data = {"leerling": school["arent"].pk, "toets": toetsen[LV].pk, "mailen": "on"}
    html = leerkracht_client.post("/toetsen/uitnodigen/", data).content.decode()
    assert "De e-mail met de codes kon niet worden verstuurd" in html
    [code] = CODE.findall(html)
    assert "could not be mailed" in caplog.text
    assert code not in caplog.text and inlogcodes.normaliseer(code) not in caplog.text


def test_a_leerkracht_cannot_invite_a_pupil_of_another_group_through_the_page(
    leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    data = {"leerling": school["thing"].pk, "toets": toetsen[LV].pk}
    assert leerkracht_client.get("/toetsen/uitnodigen/", data).status_code == 404
    assert leerkracht_client.post("/toetsen/uitnodigen/", data).status_code == 404


# --- Score invoeren ------------------------------------------------------------------------------


def test_score_invoeren_goes_straight_to_the_only_open_afname_or_lets_the_teacher_choose(
    leerkracht_user: User, leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    url = f"/toetsen/leerling/{school['arent'].pk}/score/"
    assert "heeft geen open toetsen" in leerkracht_client.get(url).content.decode()
    nieuw = leerkracht_client.post(url, {"toets": toetsen[RW].pk})
    afname = Afname.objects.get()
    assert nieuw["Location"] == f"/toetsen/afname/{afname.pk}/score/"
    assert leerkracht_client.get(url)["Location"] == f"/toetsen/afname/{afname.pk}/score/"
    services.open_afname(rol(leerkracht_user), school["arent"].pk, toetsen[LV].pk, now=NU)
    html = leerkracht_client.get(url).content.decode()
    assert ">Leesvaardigheid</a> (Uitgenodigd)" in html and ">Rekenen-Wiskunde</a>" in html


def test_the_score_form_shows_dutch_errors_and_saves_nothing(
    leerkracht_user: User, leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = services.open_afname(rol(leerkracht_user), school["arent"].pk, toetsen[RW].pk, now=NU)
    url = f"/toetsen/afname/{afname.pk}/score/"
    html = leerkracht_client.post(url, _score_velden(toetsen[RW], "9", "drie")).content.decode()
    assert "De score voor Getallen en bewerkingen moet tussen 0 en 8 liggen." in html
    assert "De score voor Meten en meetkunde moet een geheel getal zijn." in html
    html = leerkracht_client.post(url, _score_velden(toetsen[RW], "", "")).content.decode()
    assert "Vul ten minste één score in." in html
    assert not afname.scores.exists()


def test_after_saving_every_score_the_page_shows_each_norm_and_offers_definitief(
    leerkracht_user: User, leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = services.open_afname(rol(leerkracht_user), school["arent"].pk, toetsen[RW].pk, now=NU)
    url = f"/toetsen/afname/{afname.pk}/score/"
    antwoord = leerkracht_client.post(url, _score_velden(toetsen[RW], "8", "3"), follow=True)
    html = antwoord.content.decode()
    assert "De scores zijn opgeslagen (Genormeerd)." in html
    assert '<td class="status">Genormeerd</td>' in html
    assert 'fill="#1a9850"/></svg> I <span class="normomschrijving">' in html
    assert 'fill="#fc8d59"/></svg> IV' in html
    assert 'data-dialog="definitief-maken">Definitief maken</a>' in html


def test_definitief_maken_asks_first_then_finalises_and_queues_the_results(
    leerkracht_user: User, leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = _genormeerd(leerkracht_user, school, toetsen[RW])
    url = f"/toetsen/afname/{afname.pk}/definitief/"
    assert "<h1>Definitief maken?</h1>" in leerkracht_client.get(url).content.decode()
    antwoord = leerkracht_client.post(url, follow=True)
    assert antwoord.redirect_chain[-1][0] == "/leerlingen/"
    assert "1 toets is definitief gemaakt." in antwoord.content.decode()
    afname.refresh_from_db()
    assert afname.status == DEFINITIEF
    assert Resultaat.objects.count() == Uitgaand.objects.count() == 2


def test_definitief_maken_of_an_afname_that_is_not_genormeerd_explains_why(
    leerkracht_user: User, leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = services.open_afname(rol(leerkracht_user), school["arent"].pk, toetsen[RW].pk, now=NU)
    antwoord = leerkracht_client.post(f"/toetsen/afname/{afname.pk}/definitief/", follow=True)
    assert "Alleen genormeerde toetsen kunnen definitief worden." in antwoord.content.decode()
    assert not Resultaat.objects.exists()


def test_the_selection_on_the_list_finalises_the_genormeerd_afnames_of_the_chosen_pupils(
    leerkracht_user: User, leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    eerste = _genormeerd(leerkracht_user, school, toetsen[RW], "arent")
    tweede = _genormeerd(leerkracht_user, school, toetsen[LV], "jan")
    services.open_afname(rol(leerkracht_user), school["jan"].pk, toetsen[RW].pk, now=NU)
    query = {"leerling": [school["arent"].pk, school["jan"].pk]}
    html = leerkracht_client.get("/toetsen/definitief/", query).content.decode()
    assert "Acikbas" in html and html.count('name="afname"') == 2
    leerkracht_client.post("/toetsen/definitief/", {"afname": [eerste.pk, tweede.pk]})
    statussen = dict(Afname.objects.values_list("pk", "status"))
    assert statussen[eerste.pk] == statussen[tweede.pk] == DEFINITIEF
    assert sorted(statussen.values()).count(GENORMEERD) == 0


def test_pages_of_an_afname_of_another_group_are_not_found_for_a_leerkracht(
    beheerder: User, leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = _genormeerd(beheerder, school, toetsen[RW], "thing")
    for url in (f"/toetsen/afname/{afname.pk}/score/", f"/toetsen/afname/{afname.pk}/definitief/",
                f"/toetsen/leerling/{school['thing'].pk}/score/"):  # fmt: skip
        assert leerkracht_client.get(url).status_code == 404
    assert leerkracht_client.post("/toetsen/definitief/", {"afname": afname.pk}).status_code == 404
    assert not Resultaat.objects.exists()
