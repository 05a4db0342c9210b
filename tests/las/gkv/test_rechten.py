"""The pure rights decision: a right counts between its dates (Amsterdam days), and a GKV right
with "GKV tijdens kantooruren: Nee" is refused in office hours; office hours are configurable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from koppel.las.gkv.rechten import (
    BUITEN_KANTOORTIJDEN,
    GEEN_RECHT,
    GKV_RECHTEN,
    RECHT_NIET_GELDIG,
    Weigering,
    kies_recht,
    parse_kantooruren,
    toegestaan,
)
from koppel.las.koppelingen.models import GKV_BASIS, GKV_UITGEBREID, RESULTATENKOPPELING

AMS = ZoneInfo("Europe/Amsterdam")
KANTOOR = parse_kantooruren("ma-vr 07:00-18:00")
MAANDAG_MIDDAG = dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMS)  # a Monday
MAANDAG_AVOND = dt.datetime(2026, 11, 23, 18, 0, tzinfo=AMS)
ZATERDAG_MIDDAG = dt.datetime(2026, 11, 28, 12, 0, tzinfo=AMS)


@dataclass
class R:
    soort: str = GKV_BASIS
    begindatum: dt.date = dt.date(2026, 1, 1)
    einddatum: dt.date | None = None
    gkv_tijdens_kantooruren: bool = False


def test_the_default_office_hours_are_weekdays_from_seven_to_six() -> None:
    assert KANTOOR.dagen == frozenset(range(5))
    assert (KANTOOR.van, KANTOOR.tot) == (7 * 60, 18 * 60)


@pytest.mark.parametrize(
    ("moment", "binnen"),
    [
        (dt.datetime(2026, 11, 23, 6, 59, tzinfo=AMS), False),
        (dt.datetime(2026, 11, 23, 7, 0, tzinfo=AMS), True),
        (dt.datetime(2026, 11, 23, 17, 59, tzinfo=AMS), True),
        (MAANDAG_AVOND, False),
        (ZATERDAG_MIDDAG, False),
        (dt.datetime(2026, 7, 1, 5, 30, tzinfo=dt.UTC), True),  # 07:30 summer time
        (dt.datetime(2026, 12, 1, 5, 30, tzinfo=dt.UTC), False),  # 06:30 winter time
    ],
)
def test_office_hours_are_judged_in_amsterdam_time(moment: dt.datetime, binnen: bool) -> None:
    assert KANTOOR.omvat(moment) is binnen


def test_office_hours_accept_lists_of_days_and_a_whole_day() -> None:
    kantooruren = parse_kantooruren("MA,wo-vr 00:00-24:00")
    assert kantooruren.dagen == frozenset({0, 2, 3, 4})
    assert kantooruren.omvat(dt.datetime(2026, 11, 25, 23, 59, tzinfo=AMS))


@pytest.mark.parametrize("tekst", ["", "geen", "  Geen "])
def test_no_office_hours_can_be_configured(tekst: str) -> None:
    assert not parse_kantooruren(tekst).omvat(MAANDAG_MIDDAG)


@pytest.mark.parametrize("tekst", ["ma-vr", "ma-vr 18:00-07:00", "maandag 07:00-18:00", "ma 7-18"])
def test_malformed_office_hours_are_refused_with_a_dutch_message(tekst: str) -> None:
    with pytest.raises(ValueError, match=r"Kantooruren|dag"):
        parse_kantooruren(tekst)


def test_a_gkv_right_without_office_hours_is_refused_during_office_hours() -> None:
    weigering = toegestaan(R(), MAANDAG_MIDDAG, KANTOOR)
    assert weigering is not None and weigering.code == BUITEN_KANTOORTIJDEN
    assert "ma-vr 07:00-18:00" in weigering.melding


@pytest.mark.parametrize("moment", [MAANDAG_AVOND, ZATERDAG_MIDDAG])
def test_a_gkv_right_without_office_hours_is_allowed_outside_them(moment: dt.datetime) -> None:
    assert toegestaan(R(), moment, KANTOOR) is None


def test_a_gkv_right_with_office_hours_is_allowed_during_them() -> None:
    assert toegestaan(R(gkv_tijdens_kantooruren=True), MAANDAG_MIDDAG, KANTOOR) is None


def test_office_hours_never_apply_to_the_resultatenkoppeling() -> None:
    assert toegestaan(R(soort=RESULTATENKOPPELING), MAANDAG_MIDDAG, KANTOOR) is None


@pytest.mark.parametrize(
    ("begin", "eind", "melding"),
    [
        (dt.date(2026, 11, 24), None, "geldt pas vanaf 24-11-2026"),
        (dt.date(2026, 1, 1), dt.date(2026, 11, 22), "gold tot en met 22-11-2026"),
    ],
)
def test_a_right_outside_its_dates_is_refused(
    begin: dt.date, eind: dt.date | None, melding: str
) -> None:
    weigering = toegestaan(R(begindatum=begin, einddatum=eind), MAANDAG_AVOND, KANTOOR)
    assert weigering == Weigering(
        code=RECHT_NIET_GELDIG, melding=f"Het recht 'GKV basis' {melding}"
    )


def test_the_einddatum_itself_still_counts_until_midnight_in_amsterdam() -> None:
    recht = R(einddatum=dt.date(2026, 11, 23))
    late = dt.datetime(2026, 11, 23, 22, 30, tzinfo=dt.UTC)  # 23:30 in Amsterdam
    assert toegestaan(recht, late, KANTOOR) is None
    assert toegestaan(recht, late + dt.timedelta(hours=1), KANTOOR) is not None


def test_without_a_gkv_right_the_partner_has_no_right() -> None:
    keuze = kies_recht(
        [R(soort=RESULTATENKOPPELING)], soorten=GKV_RECHTEN, now=MAANDAG_AVOND, kantooruren=KANTOOR
    )
    assert isinstance(keuze, Weigering) and keuze.code == GEEN_RECHT


def test_gkv_uitgebreid_is_preferred_over_basis() -> None:
    rechten = [R(soort=GKV_BASIS), R(soort=GKV_UITGEBREID)]
    keuze = kies_recht(rechten, soorten=GKV_RECHTEN, now=MAANDAG_AVOND, kantooruren=KANTOOR)
    assert isinstance(keuze, R) and keuze.soort == GKV_UITGEBREID


def test_basis_is_used_when_uitgebreid_does_not_count_at_this_moment() -> None:
    rechten = [R(soort=GKV_UITGEBREID), R(soort=GKV_BASIS, gkv_tijdens_kantooruren=True)]
    keuze = kies_recht(rechten, soorten=GKV_RECHTEN, now=MAANDAG_MIDDAG, kantooruren=KANTOOR)
    assert isinstance(keuze, R) and keuze.soort == GKV_BASIS


def test_when_every_right_is_refused_the_preferred_rights_refusal_is_given() -> None:
    rechten = [R(soort=GKV_BASIS, einddatum=dt.date(2026, 2, 1)), R(soort=GKV_UITGEBREID)]
    keuze = kies_recht(rechten, soorten=GKV_RECHTEN, now=MAANDAG_MIDDAG, kantooruren=KANTOOR)
    assert isinstance(keuze, Weigering) and keuze.code == BUITEN_KANTOORTIJDEN
