"""The pure rules of the nightly sync: the window in Dutch time (also across midnight and on the
nights the clocks change), when a coupling is due, and which plans the sync applies by itself.
Plans come from the real ``planning.plan_import``. No database, no LAS."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from koppel.ea.importeren import decisions
from koppel.ea.importeren import planning as p
from koppel.ea.importeren import synckeuze as k

NACHT = k.Venster.parse("01:00-05:00")
AMS = k.AMSTERDAM
KOP = p.Kop(schooljaar="2026-2027", brincode="99XX")
GEBOREN = dt.date(2017, 3, 14)


def om(tekst: str) -> dt.datetime:
    """A Dutch local time, ``"2026-11-23 01:30"``, as an aware datetime."""
    return dt.datetime.fromisoformat(tekst).replace(tzinfo=AMS)


# --- the window ----------------------------------------------------------------------------------


def test_a_window_is_read_from_the_setting_and_shown_the_same_way() -> None:
    assert k.Venster.parse(" 1:00 - 05:30 ") == k.Venster(dt.time(1), dt.time(5, 30))
    assert str(NACHT) == "01:00-05:00"


@pytest.mark.parametrize(
    "tekst", ["", "01:00", "1-5", "01:00-05:00-06:00", "25:00-05:00", "03:00-03:00"]
)
def test_anything_but_a_non_empty_window_is_refused(tekst: str) -> None:
    with pytest.raises(ValueError):
        k.Venster.parse(tekst)


@pytest.mark.parametrize(
    ("lokaal", "binnen"),
    [
        ("2026-11-23 00:59", False),
        ("2026-11-23 01:00", True),
        ("2026-11-23 04:59", True),
        ("2026-11-23 05:00", False),
        ("2026-11-23 13:00", False),
        ("2026-07-01 02:30", True),  # summer time: 00:30 UTC
    ],
)
def test_the_window_is_in_dutch_time(lokaal: str, binnen: bool) -> None:
    now = om(lokaal).astimezone(dt.UTC)
    assert k.in_venster(now, NACHT) is binnen


def test_in_winter_half_past_midnight_utc_is_inside_and_in_summer_three_utc_is_not() -> None:
    assert k.in_venster(dt.datetime(2026, 12, 1, 0, 30, tzinfo=dt.UTC), NACHT)  # 01:30 CET
    assert not k.in_venster(dt.datetime(2026, 7, 1, 3, 30, tzinfo=dt.UTC), NACHT)  # 05:30 CEST


def test_a_window_across_midnight_opened_the_evening_before() -> None:
    avond = k.Venster.parse("23:00-02:00")
    assert k.geopend_op(om("2026-11-23 23:30"), avond) == om("2026-11-23 23:00")
    assert k.geopend_op(om("2026-11-24 01:59"), avond) == om("2026-11-23 23:00")
    assert k.geopend_op(om("2026-11-24 02:00"), avond) is None
    assert k.geopend_op(om("2026-11-23 22:59"), avond) is None


def test_on_the_night_summer_time_starts_the_window_opened_at_one_winter_time() -> None:
    now = dt.datetime(2027, 3, 28, 1, 30, tzinfo=dt.UTC)  # 03:30 CEST; 02:00-03:00 was skipped
    geopend = k.geopend_op(now, NACHT)
    assert geopend is not None
    assert geopend.astimezone(dt.UTC) == dt.datetime(2027, 3, 28, 0, 0, tzinfo=dt.UTC)


# --- when a coupling is due ----------------------------------------------------------------------

BINNEN = om("2026-11-23 02:00")


def test_outside_the_window_no_coupling_is_due() -> None:
    assert not k.verschuldigd(om("2026-11-23 12:00"), None, NACHT)


def test_a_coupling_never_synced_is_due_inside_the_window() -> None:
    assert k.verschuldigd(BINNEN, None, NACHT)


def test_a_coupling_synced_last_night_is_due_again() -> None:
    assert k.verschuldigd(BINNEN, om("2026-11-22 01:05"), NACHT)


def test_a_coupling_synced_since_the_window_opened_is_not_due() -> None:
    assert not k.verschuldigd(BINNEN, om("2026-11-23 01:00"), NACHT)


def test_a_sync_by_hand_in_the_afternoon_does_not_replace_the_nightly_one() -> None:
    assert k.verschuldigd(BINNEN, om("2026-11-22 15:00"), NACHT)


@pytest.mark.parametrize(("minuten", "verschuldigd"), [(10, False), (29, False), (30, True)])
def test_after_a_failure_the_coupling_is_tried_again_after_the_retry_delay(
    minuten: int, verschuldigd: bool
) -> None:
    poging = BINNEN - dt.timedelta(minutes=minuten)
    due = k.verschuldigd(
        BINNEN, None, NACHT, laatste_poging=poging, herhaal_na=dt.timedelta(minutes=30)
    )
    assert due is verschuldigd


def test_the_grondslag_changes_with_the_school_year() -> None:
    velden = {"lastype": "koppel", "brincode": "99XX", "vestigingsnummer": ""}
    assert k.grondslag(**velden, schooljaar="2026-2027") != k.grondslag(
        **velden, schooljaar="2027-2028"
    )


# --- which plans need no decision ----------------------------------------------------------------

GROEP5 = p.LasGroep(key="G5", naam="Groep 5a", jaargroep="5")
GROEP6 = p.LasGroep(key="G6", naam="Groep 6a", jaargroep="6")
JAN = p.LasLeerkracht(key="K1", achternaam="Vries", roepnaam="Jan", emailadres="jan@school.nl")
SANNE = p.LasLeerling(
    key="L1", achternaam="Jansen", roepnaam="Sanne", geboortedatum=GEBOREN, groep_key="G5"
)
TIM = p.LasLeerling(
    key="L2", achternaam="Visser", roepnaam="Tim", geboortedatum=GEBOREN, groep_key="G6"
)
BESTAAND = p.Bestaand(
    groepen=(p.BestaandeGroep(id=5, naam="Groep 5a", las_key="G5"),
             p.BestaandeGroep(id=6, naam="Groep 6a", las_key="G6")),
    leerkrachten=(p.BestaandeLeerkracht(id=1, achternaam="Vries", roepnaam="Jan",
                                        emailadres="jan@school.nl", las_key="K1"),),
    leerlingen=(p.BestaandeLeerling(id=1, achternaam="Jansen", roepnaam="Sanne",
                                    geboortedatum=GEBOREN, las_key="L1",
                                    groep_naam="Groep 5a", groep_las_key="G5"),
                p.BestaandeLeerling(id=2, achternaam="Visser", roepnaam="Tim",
                                    geboortedatum=GEBOREN, las_key="L2",
                                    groep_naam="Groep 6a", groep_las_key="G6")),
)  # fmt: skip


def plan(bestaand: p.Bestaand = BESTAAND, **las: Any) -> p.Plan:
    """The real plan of the LAS (the school above, with ``las`` replaced) against ``bestaand``."""
    standaard: dict[str, Any] = {
        "groepen": (GROEP5, GROEP6),
        "leerkrachten": (JAN,),
        "leerlingen": (SANNE, TIM),
    }
    return p.plan_import(p.LasGegevens(kop=KOP, **{**standaard, **las}), bestaand)


def bestaand(**vervang: Any) -> p.Bestaand:
    return dataclasses.replace(BESTAAND, **vervang)


def test_the_same_school_again_is_applied_with_nothing_to_report() -> None:
    beoordeling = k.beoordeel(plan())
    assert beoordeling.automatisch
    assert (beoordeling.wijzigingen, beoordeling.telling) == ((), ())
    assert (
        k.samenvatting_tekst(beoordeling.telling) == "geen namen, groepen of geboortedata gewijzigd"
    )


@pytest.mark.parametrize(
    ("las", "soort"),
    [
        ({"leerlingen": (dataclasses.replace(SANNE, roepnaam="Sanna"), TIM)}, k.NAAM),
        ({"leerkrachten": (dataclasses.replace(JAN, achternaam="Vos"),)}, k.NAAM),
        ({"groepen": (dataclasses.replace(GROEP5, naam="Groep 5b"), GROEP6)}, k.NAAM),
        ({"leerlingen": (dataclasses.replace(SANNE, groep_key="G6"), TIM)}, k.GROEP),
        ({"leerlingen": (dataclasses.replace(SANNE, groep_key=""), TIM)}, k.GROEP),
        ({"leerlingen": (dataclasses.replace(SANNE, geboortedatum=dt.date(2017, 3, 15)), TIM)},
         k.GEBOORTEDATUM),
    ],
    ids=["pupil renamed", "teacher renamed", "group renamed", "pupil moved", "pupil in no group",
         "birth date corrected"],
)  # fmt: skip
def test_names_group_moves_and_birth_dates_of_known_records_are_applied_by_the_sync(
    las: dict[str, Any], soort: str
) -> None:
    beoordeling = k.beoordeel(plan(**las))
    assert beoordeling.automatisch, beoordeling.redenen
    assert beoordeling.telling == ((soort, 1),)
    (wijziging,) = beoordeling.wijzigingen
    assert k.soort_wijziging(wijziging.wijzigingen[0]) == soort


def test_the_summary_counts_each_kind_of_change() -> None:
    las = {"leerlingen": (dataclasses.replace(SANNE, roepnaam="Sanna", groep_key="G6"),
                          dataclasses.replace(TIM, groep_key="G5"))}  # fmt: skip
    beoordeling = k.beoordeel(plan(**las))
    assert beoordeling.automatisch
    assert k.samenvatting_tekst(beoordeling.telling) == "1 naam gewijzigd, 2 groepswissels"
    assert [w.naam for w in beoordeling.wijzigingen] == ["Jansen, Sanna", "Visser, Tim"]


def test_a_record_linked_by_eckid_is_linked_well_enough() -> None:
    met_eckid = dataclasses.replace(BESTAAND.leerlingen[0], las_key="", eckid="E-1")
    las = {"leerlingen": (dataclasses.replace(SANNE, eckid="E-1"), TIM)}
    beoordeling = k.beoordeel(plan(bestaand(leerlingen=(met_eckid, BESTAAND.leerlingen[1])), **las))
    assert beoordeling.automatisch, beoordeling.redenen


NIEUWE_LEERKRACHT = p.LasLeerkracht(key="K2", achternaam="Bos", emailadres="bos@school.nl")
ANDERE_SANNE = dataclasses.replace(SANNE, key="L9")
NIET_ACTIEF = dataclasses.replace(BESTAAND.leerlingen[1], actief=False)
ZONDER_KEY = dataclasses.replace(BESTAAND.leerlingen[0], las_key="")


@pytest.mark.parametrize(
    ("las", "bestaande", "reden"),
    [
        ({"leerlingen": (SANNE, TIM, dataclasses.replace(TIM, key="L3", roepnaam="Ties"))}, None,
         "1 nieuwe leerling"),
        ({"leerkrachten": (JAN, NIEUWE_LEERKRACHT)}, None, "1 nieuwe leerkracht"),
        ({"groepen": (GROEP5, GROEP6, p.LasGroep(key="G7", naam="Groep 7a"))}, None,
         "1 nieuwe groep"),
        ({"leerlingen": (SANNE,)}, None, "1 leerling niet meer in het LAS (wordt gedeactiveerd)"),
        ({}, {"leerlingen": (ZONDER_KEY, BESTAAND.leerlingen[1])},
         "1 leerling niet op ECK-iD of LAS-sleutel gekoppeld"),
        ({"leerlingen": (SANNE, TIM, ANDERE_SANNE)}, {"leerlingen": (ZONDER_KEY,
                                                                   BESTAAND.leerlingen[1])},
         "2 leerlingen met een conflict"),
        ({}, {"leerlingen": (BESTAAND.leerlingen[0], NIET_ACTIEF)}, "1 leerling weer actief"),
        ({"leerkrachten": (dataclasses.replace(JAN, emailadres="j.vries@school.nl"),)}, None,
         "1 leerkracht met een ander e-mailadres"),
    ],
    ids=["new pupil", "new teacher", "new group", "pupil gone", "linked by name", "conflict",
         "back after deactivation", "new e-mail address"],
)  # fmt: skip
def test_everything_else_waits_for_the_beheerder_with_the_reason_in_dutch(
    las: dict[str, Any], bestaande: dict[str, Any] | None, reden: str
) -> None:
    beoordeling = k.beoordeel(plan(bestaand(**(bestaande or {})), **las))
    assert not beoordeling.automatisch
    assert reden in beoordeling.redenen
    assert not k.automatisch_toepasbaar(plan(bestaand(**(bestaande or {})), **las))


def test_a_row_the_beheerder_left_out_is_not_applied_by_the_sync() -> None:
    gekozen = decisions.niet_importeren(plan(), p.LEERLINGEN, "L2")
    assert k.beoordeel(gekozen).redenen == ("1 leerling op Niet importeren",)


def test_a_blokkade_of_the_plan_is_a_reason_too() -> None:
    zonder_email = dataclasses.replace(BESTAAND.leerkrachten[0], emailadres="")
    las = {"leerkrachten": (dataclasses.replace(JAN, emailadres=""),)}
    beoordeling = k.beoordeel(plan(bestaand(leerkrachten=(zonder_email,)), **las))
    assert beoordeling.redenen == ("Leerkracht Vries, Jan heeft nog geen e-mailadres.",)


def test_a_change_the_sync_does_not_recognise_waits_for_the_beheerder() -> None:
    gepland = plan()
    rij = gepland.rijen[p.LEERLINGEN][0]
    gepland.rijen[p.LEERLINGEN][0] = dataclasses.replace(rij, wijzigingen=("iets nieuws",))
    assert k.soort_wijziging("iets nieuws") == k.ONBEKEND
    assert k.beoordeel(gepland).redenen == ("1 leerling met een andere wijziging",)


def test_reasons_are_counted_per_kind() -> None:
    nieuw = tuple(dataclasses.replace(TIM, key=f"N{n}", roepnaam=f"Kind {n}") for n in range(3))
    beoordeling = k.beoordeel(plan(leerlingen=(SANNE, TIM, *nieuw)))
    assert beoordeling.redenen == ("3 nieuwe leerlingen",)


# --- the log's texts -----------------------------------------------------------------------------


def test_the_log_says_why_the_beheerder_is_needed_and_whether_the_email_went_out() -> None:
    beoordeling = k.beoordeel(plan(leerlingen=(SANNE,), leerkrachten=(JAN, NIEUWE_LEERKRACHT)))
    assert k.melding_voorgelegd(beoordeling, verstuurd=True) == (
        "1 nieuwe leerkracht; 1 leerling niet meer in het LAS (wordt gedeactiveerd). "
        "De beheerders hebben een e-mail gekregen."
    )
    assert k.melding_voorgelegd(beoordeling, verstuurd=False).endswith(
        "Er is geen e-mail verstuurd: geen beheerder met een e-mailadres, of de mail faalde."
    )


def test_the_log_of_an_automatic_sync_counts_the_changes() -> None:
    las = {"leerlingen": (dataclasses.replace(SANNE, geboortedatum=dt.date(2017, 1, 1)), TIM)}
    assert k.melding_verwerkt(k.beoordeel(plan(**las))) == "1 geboortedatum gewijzigd."
    assert k.melding_verwerkt(k.beoordeel(plan())) == (
        "Geen namen, groepen of geboortedata gewijzigd."
    )


def test_the_log_mentions_an_open_concept() -> None:
    assert k.melding_geen_wijzigingen(False) == "Het LAS meldt niets nieuws."
    assert k.melding_geen_wijzigingen(True).endswith(
        "Er staat nog een import klaar om te controleren."
    )
    assert k.melding_concept_open(om("2026-11-22 14:05")).startswith(
        "Er staat al een import klaar om te controleren (opgehaald op 22-11-2026 om 14:05)."
    )
