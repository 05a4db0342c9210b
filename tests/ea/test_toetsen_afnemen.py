"""The pupils' side through the real pages: "Toets maken" with a login code (wrong codes, the
rate limit), answering step by step (saved at every step), inleveren and its raw scores, and
Test starten by the teacher on the same device."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from koppel.ea.toetsen import afnemen, services
from koppel.ea.toetsen.models import AFGENOMEN, GENORMEERD, UITGENODIGD, Afname, Antwoord, Toets
from tests.ea import test_toetsen_hulp as hulp
from tests.ea.test_toetsen_hulp import LV, NU, RW, juiste_antwoorden, onderdeel_ids, rol

pytestmark = pytest.mark.django_db
school, toetsen = hulp.school, hulp.toetsen  # the shared fixtures
School = dict[str, Any]


def _code(user: User, school: School, toets: Toets, naam: str = "arent") -> str:
    uitnodiging = services.uitnodigen(rol(user), [school[naam].pk], toets.pk, now=NU)
    return uitnodiging.codes[0].code


def _inloggen(client: Client, code: str) -> Any:
    return client.post("/toets/", {"code": code})


def _stap(client: Client, volgnummer: int, antwoorden: dict[int, int], actie: str) -> Any:
    data = {f"opgave_{pk}": str(keuze) for pk, keuze in antwoorden.items()}
    return client.post(f"/toets/maken/{volgnummer}/", {**data, "actie": actie})


def test_a_pupil_starts_the_test_with_the_code_as_typed_and_sees_the_first_onderdeel(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    code = _code(leerkracht_user, school, toetsen[LV])
    client = Client()
    antwoord = _inloggen(client, " " + code.lower().replace("-", " ") + " ")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/toets/maken/"
    pagina = client.get("/toets/maken/", follow=True)
    html = pagina.content.decode()
    assert pagina.redirect_chain[-1][0] == "/toets/maken/1/"
    assert "<h1>Woordenschat</h1>" in html and "onderdeel 1 van 2" in html
    assert "<legend>1. Wat betekent &#x27;verbaasd&#x27;?</legend>" in html
    assert html.count('type="radio"') == 8 * 4
    assert 'style="' not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert Afname.objects.get().gestart_op is not None


def test_a_wrong_code_is_refused_in_dutch(school: School, toetsen: dict[str, Toets]) -> None:
    client = Client()
    html = _inloggen(client, "ABCD-EFGH").content.decode()
    assert "Deze inlogcode klopt niet." in html
    assert client.get("/toets/maken/")["Location"] == "/toets/"


def test_after_ten_wrong_codes_the_session_is_refused_even_the_right_code(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    code = _code(leerkracht_user, school, toetsen[LV])
    client = Client()
    for _ in range(afnemen.MAX_PER_SESSIE):
        assert "klopt niet" in _inloggen(client, "WRONGCDE").content.decode()
    html = _inloggen(client, code).content.decode()
    assert "Er is te vaak een verkeerde inlogcode ingevuld. Wacht een kwartier" in html
    assert _inloggen(Client(), code).status_code == 302  # another session of the same address


def test_the_address_limit_and_the_window_apply_across_sessions(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    code = _code(leerkracht_user, school, toetsen[LV])
    for n in range(afnemen.MAX_PER_IP):
        with pytest.raises(afnemen.OngeldigeCode):
            afnemen.start_met_code("WRONGCDE", ip="10.0.0.7", sessie=f"s{n}", now=NU)
    with pytest.raises(afnemen.TeVeelPogingen):
        afnemen.start_met_code(code, ip="10.0.0.7", sessie="nieuw", now=NU)
    afnemen.start_met_code(code, ip="10.0.0.8", sessie="nieuw", now=NU)
    later = NU + afnemen.VENSTER + dt.timedelta(seconds=1)
    afnemen.start_met_code(code, ip="10.0.0.7", sessie="nieuw", now=later)


def test_taking_the_test_computes_the_raw_scores_and_norms_them(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    client = Client()
    _inloggen(client, _code(leerkracht_user, school, toetsen[RW]))
    afname = Afname.objects.get()
    antwoorden = juiste_antwoorden(afname, fout=2)  # 6 of 8 right in each onderdeel
    del antwoorden[2][list(antwoorden[2])[-1]]  # a right one skipped in onderdeel 2: 5 right
    assert _stap(client, 1, antwoorden[1], "volgende")["Location"] == "/toets/maken/2/"
    assert _stap(client, 2, antwoorden[2], "inleveren")["Location"] == "/toets/inleveren/"
    bevestiging = client.get("/toets/inleveren/").content.decode()
    assert "Je hebt nog 1 vraag niet beantwoord." in bevestiging
    assert client.post("/toets/inleveren/")["Location"] == "/toets/klaar/"

    afname.refresh_from_db()
    assert (afname.status, afname.afnamedatum, afname.inlogcode_digest) == (
        GENORMEERD,
        timezone.localdate(),
        "",
    )
    scores = [
        (s.ruwe_score, s.bron, s.norm.term) for s in afname.scores.order_by("onderdeel__volgnummer")
    ]
    assert scores == [(6, AFGENOMEN, "II"), (5, AFGENOMEN, "III")]
    assert client.get("/toets/maken/")["Location"] == "/toets/"


def test_answers_are_saved_per_step_so_a_new_session_with_the_code_continues(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    code = _code(leerkracht_user, school, toetsen[LV])
    eerste = Client()
    _inloggen(eerste, code)
    antwoorden = juiste_antwoorden(Afname.objects.get())[1]
    _stap(eerste, 1, antwoorden, "volgende")
    assert Antwoord.objects.count() == 8

    tweede = Client()  # the browser was closed: the session is gone
    _inloggen(tweede, code)
    html = tweede.get("/toets/maken/1/").content.decode()
    assert html.count("checked") == 8


def test_an_answer_outside_the_choices_is_refused_and_not_saved(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    client = Client()
    _inloggen(client, _code(leerkracht_user, school, toetsen[LV]))
    opgave = next(iter(juiste_antwoorden(Afname.objects.get())[1]))
    antwoord = _stap(client, 1, {opgave: 9}, "volgende")
    assert (
        antwoord.status_code == 200 and "Kies een van de antwoorden." in antwoord.content.decode()
    )
    assert not Antwoord.objects.exists()


def test_a_test_the_teacher_scored_meanwhile_can_no_longer_be_answered(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    client = Client()
    _inloggen(client, _code(leerkracht_user, school, toetsen[RW]))
    afname = Afname.objects.get()
    eerste, _ = onderdeel_ids(toetsen[RW])
    services.score_invoeren(rol(leerkracht_user), afname.pk, {eerste: 4}, now=NU)
    antwoord = _stap(client, 1, juiste_antwoorden(afname)[1], "volgende")
    assert antwoord["Location"] == "/toets/"
    assert "al door je leerkracht gescoord" in client.get("/toets/").content.decode()
    assert not Antwoord.objects.exists()


def test_test_starten_logs_the_teacher_out_and_opens_the_test_on_this_device(
    leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    pagina = leerkracht_client.get(f"/toetsen/leerling/{school['bo'].pk}/starten/").content.decode()
    assert "Je wordt eerst uitgelogd" in pagina
    antwoord = leerkracht_client.post(
        f"/toetsen/leerling/{school['bo'].pk}/starten/", {"toets": toetsen[LV].pk}
    )
    assert antwoord["Location"] == "/toets/maken/"
    afname = Afname.objects.get(leerling=school["bo"])
    assert (afname.status, afname.inlogcode_digest) == (UITGENODIGD, "")
    assert leerkracht_client.get("/leerlingen/").status_code == 302  # logged out
    assert "<h1>Woordenschat</h1>" in leerkracht_client.get("/toets/maken/1/").content.decode()


def test_a_leerkracht_cannot_start_a_test_for_a_pupil_of_another_group(
    leerkracht_client: Client, school: School, toetsen: dict[str, Toets]
) -> None:
    url = f"/toetsen/leerling/{school['thing'].pk}/starten/"
    assert leerkracht_client.get(url).status_code == 404
    assert leerkracht_client.post(url, {"toets": toetsen[LV].pk}).status_code == 404
    assert not Afname.objects.exists()
