"""The teachers' services: Uitnodigen, Test starten, Score invoeren, Definitief maken; every
status transition, the validation, who may act, and the results with their outbox entries."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from koppel.ea.errors import InvalidState, NotFound
from koppel.ea.resultaten import outbox
from koppel.ea.resultaten.models import IN_WACHTRIJ, Resultaat, Uitgaand
from koppel.ea.toetsen import inlogcodes, services
from koppel.ea.toetsen.models import (
    AFGENOMEN,
    DEFINITIEF,
    GENORMEERD,
    GESCOORD,
    INGEVOERD,
    UITGENODIGD,
    Afname,
    Score,
    Toets,
)
from tests.ea import test_toetsen_hulp as hulp
from tests.ea.test_toetsen_hulp import LV, NU, RW, onderdeel_ids, rol

pytestmark = pytest.mark.django_db
school, toetsen = hulp.school, hulp.toetsen  # the shared fixtures
School = dict[str, Any]


def _uitnodigen(user: User, school: School, toets: Toets, *namen: str) -> services.Uitnodiging:
    ids = [school[naam].pk for naam in namen]
    return services.uitnodigen(rol(user), ids, toets.pk, now=NU)


def _genormeerd(user: User, school: School, toets: Toets, naam: str = "arent") -> Afname:
    afname = services.open_afname(rol(user), school[naam].pk, toets.pk, now=NU)
    eerste, tweede = onderdeel_ids(toets)
    return services.score_invoeren(rol(user), afname.pk, {eerste: 8, tweede: 3}, now=NU)


# --- Uitnodigen ----------------------------------------------------------------------------------


def test_inviting_creates_an_uitgenodigd_afname_with_a_code_of_which_only_a_digest_is_stored(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    uitnodiging = _uitnodigen(leerkracht_user, school, toetsen[LV], "arent", "jan")
    assert [c.leerling for c in uitnodiging.codes] == [school["arent"], school["jan"]]
    for regel in uitnodiging.codes:
        afname = Afname.objects.get(leerling=regel.leerling)
        assert (afname.status, afname.uitgenodigd_door) == (UITGENODIGD, leerkracht_user)
        code = inlogcodes.normaliseer(regel.code)
        assert afname.inlogcode_digest == inlogcodes.digest(code) != code
    assert len({c.code for c in uitnodiging.codes}) == 2


def test_reinviting_a_pupil_with_an_open_afname_of_the_test_is_refused_with_a_clear_message(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    _uitnodigen(leerkracht_user, school, toetsen[LV], "arent")
    with pytest.raises(InvalidState, match="Arent Acikbas heeft de toets Leesvaardigheid al open"):
        _uitnodigen(leerkracht_user, school, toetsen[LV], "arent")
    assert Afname.objects.count() == 1
    _uitnodigen(leerkracht_user, school, toetsen[RW], "arent")  # another test is fine


def test_inviting_a_group_skips_the_pupils_already_invited_and_names_them(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    _uitnodigen(leerkracht_user, school, toetsen[LV], "jan")
    uitnodiging = _uitnodigen(leerkracht_user, school, toetsen[LV], "arent", "jan", "bo")
    assert {c.leerling.roepnaam for c in uitnodiging.codes} == {"Arent", "Bo"}
    assert uitnodiging.overgeslagen == [school["jan"]]


def test_a_pupil_may_be_invited_again_once_the_afname_is_definitief(
    beheerder: User, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = _genormeerd(beheerder, school, toetsen[LV])
    services.definitief(rol(beheerder), [afname.pk], now=NU)
    assert len(_uitnodigen(beheerder, school, toetsen[LV], "arent").codes) == 1


def test_a_leerkracht_cannot_invite_a_pupil_of_another_group(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    with pytest.raises(NotFound):
        _uitnodigen(leerkracht_user, school, toetsen[LV], "arent", "thing")
    assert not Afname.objects.exists()


def test_the_beheerder_may_invite_any_pupil_of_the_school(
    beheerder: User, school: School, toetsen: dict[str, Toets]
) -> None:
    assert len(_uitnodigen(beheerder, school, toetsen[RW], "thing", "arent").codes) == 2


def test_an_inactive_test_cannot_be_invited_for(
    beheerder: User, school: School, toetsen: dict[str, Toets]
) -> None:
    Toets.objects.filter(code=LV).update(actief=False)
    with pytest.raises(NotFound, match="gesloten"):
        _uitnodigen(beheerder, school, toetsen[LV], "arent")


# --- Score invoeren ------------------------------------------------------------------------------


def test_scoring_some_onderdelen_makes_the_afname_gescoord_without_norms(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = _uitnodigen(leerkracht_user, school, toetsen[RW], "arent").codes[0]
    gevonden = Afname.objects.get(leerling=afname.leerling)
    eerste, tweede = onderdeel_ids(toetsen[RW])
    gescoord = services.score_invoeren(
        rol(leerkracht_user), gevonden.pk, {eerste: 5, tweede: None}, now=NU
    )
    assert gescoord.status == GESCOORD
    score = Score.objects.get(afname=gescoord)
    assert (score.ruwe_score, score.norm, score.bron) == (5, None, INGEVOERD)
    assert score.ingevoerd_door == leerkracht_user
    assert gescoord.inlogcode_digest == ""  # the pupil no longer takes it


def test_scoring_every_onderdeel_norms_them_and_makes_the_afname_genormeerd(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = _genormeerd(leerkracht_user, school, toetsen[RW])
    assert afname.status == GENORMEERD and afname.afnamedatum == NU.date()
    terms = [s.norm.term for s in afname.scores.order_by("onderdeel__volgnummer")]
    assert terms == ["I", "IV"]


def test_clearing_a_score_of_a_genormeerd_afname_makes_it_gescoord_again(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = _genormeerd(leerkracht_user, school, toetsen[RW])
    eerste, tweede = onderdeel_ids(toetsen[RW])
    afname = services.score_invoeren(
        rol(leerkracht_user), afname.pk, {eerste: 8, tweede: None}, now=NU
    )
    assert afname.status == GESCOORD
    assert list(afname.scores.values_list("onderdeel_id", "norm")) == [(eerste, None)]


def test_a_score_outside_the_range_is_refused_with_a_dutch_message_per_onderdeel(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = services.open_afname(rol(leerkracht_user), school["arent"].pk, toetsen[RW].pk, now=NU)
    eerste, tweede = onderdeel_ids(toetsen[RW])
    with pytest.raises(services.OngeldigeScores) as fout:
        services.score_invoeren(rol(leerkracht_user), afname.pk, {eerste: 9, tweede: 4}, now=NU)
    assert fout.value.fouten == {
        eerste: "De score voor Getallen en bewerkingen moet tussen 0 en 8 liggen."
    }
    assert not Score.objects.exists()


def test_an_empty_score_form_and_a_foreign_onderdeel_are_refused(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = services.open_afname(rol(leerkracht_user), school["arent"].pk, toetsen[RW].pk, now=NU)
    with pytest.raises(InvalidState, match="ten minste één score"):
        services.score_invoeren(
            rol(leerkracht_user), afname.pk, {onderdeel_ids(toetsen[RW])[0]: None}, now=NU
        )
    with pytest.raises(NotFound):
        services.score_invoeren(
            rol(leerkracht_user), afname.pk, {onderdeel_ids(toetsen[LV])[0]: 3}, now=NU
        )


def test_a_leerkracht_cannot_score_a_pupil_of_another_group(
    beheerder: User, leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = services.open_afname(rol(beheerder), school["thing"].pk, toetsen[RW].pk, now=NU)
    with pytest.raises(NotFound):
        services.score_invoeren(
            rol(leerkracht_user), afname.pk, {onderdeel_ids(toetsen[RW])[0]: 3}, now=NU
        )


def test_re_saving_a_computed_score_unchanged_keeps_it_afgenomen(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = services.open_afname(rol(leerkracht_user), school["arent"].pk, toetsen[RW].pk, now=NU)
    eerste, tweede = onderdeel_ids(toetsen[RW])
    Score.objects.create(
        afname=afname, onderdeel_id=eerste, ruwe_score=6, bron=AFGENOMEN, ingevoerd_op=NU
    )
    services.score_invoeren(rol(leerkracht_user), afname.pk, {eerste: 6, tweede: 2}, now=NU)
    assert dict(afname.scores.values_list("onderdeel_id", "bron")) == {
        eerste: AFGENOMEN,
        tweede: INGEVOERD,
    }


# --- Definitief maken ----------------------------------------------------------------------------


def test_finalising_writes_one_result_per_score_and_its_outbox_entry(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = _genormeerd(leerkracht_user, school, toetsen[RW])
    later = NU.replace(hour=15)
    [definitief] = services.definitief(rol(leerkracht_user), [afname.pk], now=later)
    assert (definitief.status, definitief.definitief_op, definitief.definitief_door) == (
        DEFINITIEF, later, leerkracht_user,
    )  # fmt: skip
    resultaten = Resultaat.objects.filter(afname=afname).order_by("onderdeel__volgnummer")
    assert [(r.ruwe_score, r.norm_term, r.afnamedatum) for r in resultaten] == [
        (8, "I", NU.date()), (3, "IV", NU.date()),
    ]  # fmt: skip
    assert all(r.key.startswith("KOPPEL-EA-") for r in resultaten)
    assert len({r.key for r in resultaten}) == 2
    uitgaand = Uitgaand.objects.filter(resultaat__in=resultaten)
    assert [(u.status, u.volgende_poging_op) for u in uitgaand] == [(IN_WACHTRIJ, later)] * 2


def test_only_genormeerd_afnames_can_be_finalised(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    uitgenodigd = services.open_afname(
        rol(leerkracht_user), school["jan"].pk, toetsen[RW].pk, now=NU
    )
    with pytest.raises(InvalidState, match=r"Jan de Vries \(Rekenen-Wiskunde: Uitgenodigd\)"):
        services.definitief(rol(leerkracht_user), [uitgenodigd.pk], now=NU)
    definitief = _genormeerd(leerkracht_user, school, toetsen[RW])
    services.definitief(rol(leerkracht_user), [definitief.pk], now=NU)
    with pytest.raises(InvalidState, match="Definitief"):
        services.definitief(rol(leerkracht_user), [definitief.pk], now=NU)
    with pytest.raises(InvalidState, match="niet meer veranderen"):
        services.score_invoeren(
            rol(leerkracht_user), definitief.pk, {onderdeel_ids(toetsen[RW])[0]: 1}, now=NU
        )


def test_one_afname_in_another_status_refuses_the_whole_selection(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    klaar = _genormeerd(leerkracht_user, school, toetsen[RW], "arent")
    open_ = services.open_afname(rol(leerkracht_user), school["jan"].pk, toetsen[RW].pk, now=NU)
    with pytest.raises(InvalidState):
        services.definitief(rol(leerkracht_user), [klaar.pk, open_.pk], now=NU)
    klaar.refresh_from_db()
    assert klaar.status == GENORMEERD
    assert not Resultaat.objects.exists() and not Uitgaand.objects.exists()


def test_a_failure_while_queueing_rolls_back_the_results_and_the_status(
    leerkracht_user: User,
    school: School,
    toetsen: dict[str, Toets],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    afname = _genormeerd(leerkracht_user, school, toetsen[RW])
    echte_plaats = outbox.plaats

    def plaats_en_faal(resultaten: Any, *, now: Any) -> Any:
        echte_plaats(resultaten, now=now)  # the outbox rows are written, then the write fails
        assert Uitgaand.objects.count() == 2 and Resultaat.objects.count() == 2
        raise OSError("disk full")

    monkeypatch.setattr(outbox, "plaats", plaats_en_faal)
    with pytest.raises(OSError, match="disk full"):
        services.definitief(rol(leerkracht_user), [afname.pk], now=NU)
    afname.refresh_from_db()
    assert afname.status == GENORMEERD
    assert not Resultaat.objects.exists() and not Uitgaand.objects.exists()


def test_a_leerkracht_cannot_finalise_an_afname_of_another_group(
    beheerder: User, leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    afname = _genormeerd(beheerder, school, toetsen[RW], "thing")
    with pytest.raises(NotFound):
        services.definitief(rol(leerkracht_user), [afname.pk], now=NU)
    assert not Resultaat.objects.exists()


# --- Test starten (on this device) ----------------------------------------------------------------


def test_starting_directly_creates_an_afname_without_a_code_or_uses_the_open_one(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    gestart = services.start_direct(rol(leerkracht_user), school["bo"].pk, toetsen[LV].pk, now=NU)
    assert (gestart.status, gestart.inlogcode_digest, gestart.gestart_op) == (UITGENODIGD, "", NU)
    _uitnodigen(leerkracht_user, school, toetsen[RW], "arent")
    uitgenodigd = Afname.objects.get(leerling=school["arent"])
    opnieuw = services.start_direct(
        rol(leerkracht_user), school["arent"].pk, toetsen[RW].pk, now=NU
    )
    assert opnieuw.pk == uitgenodigd.pk


def test_a_test_with_scores_cannot_be_started_again(
    leerkracht_user: User, school: School, toetsen: dict[str, Toets]
) -> None:
    _genormeerd(leerkracht_user, school, toetsen[RW])
    with pytest.raises(InvalidState, match="al scores"):
        services.start_direct(rol(leerkracht_user), school["arent"].pk, toetsen[RW].pk, now=NU)
