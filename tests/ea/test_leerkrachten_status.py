"""The status of a teacher on Beheer → Leerkrachten and the rules for inviting again: pure
functions over plain values, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from koppel.ea.klanten import leerkrachten as lk

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
WEEK = dt.timedelta(days=7)


def _stand(**anders: object) -> lk.Stand:
    velden: dict[str, object] = {
        "actief": True,
        "heeft_account": False,
        "emailadres": "m@school.nl",
        "uitgenodigd_op": NOW - dt.timedelta(days=1),
    }
    return lk.Stand(**{**velden, **anders})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("anders", "verwacht"),
    [
        ({"heeft_account": True}, lk.ACTIEF),
        ({"actief": False, "heeft_account": True}, lk.NIET_IN_LAS),
        ({"emailadres": " "}, lk.GEEN_EMAIL),
        ({"uitgenodigd_op": None}, lk.NIET_UITGENODIGD),
        ({"uitgenodigd_op": NOW - WEEK - dt.timedelta(seconds=1)}, lk.VERLOPEN),
        ({"uitgenodigd_op": NOW - WEEK}, "Uitgenodigd op 16-11-2026"),
    ],
)
def test_each_state_of_a_teacher_has_its_status(anders: dict[str, object], verwacht: str) -> None:
    assert lk.status(_stand(**anders), now=NOW, geldig=WEEK) == verwacht


def test_an_open_invitation_shows_its_date_in_dutch_time() -> None:
    laat = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)  # 00:30 on the 23rd in Amsterdam
    assert lk.status(_stand(uitgenodigd_op=laat), now=NOW, geldig=WEEK) == (
        "Uitgenodigd op 23-11-2026"
    )


def test_an_invitation_expires_after_the_token_lifetime() -> None:
    assert lk.geldigheid() == dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("anders", "begin"),
    [
        ({"actief": False}, "Mitchel staat niet meer in het LAS."),
        ({"heeft_account": True}, "Mitchel heeft al een account."),
        ({"emailadres": ""}, "Mitchel heeft geen e-mailadres."),
        ({"uitgenodigd_op": NOW - dt.timedelta(minutes=1)}, "Mitchel is net uitgenodigd."),
    ],
)
def test_an_invitation_is_refused_with_a_dutch_reason(
    anders: dict[str, object], begin: str
) -> None:
    assert lk.weigering(_stand(**anders), naam="Mitchel", now=NOW).startswith(begin)


def test_the_wait_before_inviting_again_is_told_in_whole_minutes() -> None:
    net = _stand(uitgenodigd_op=NOW - dt.timedelta(minutes=1, seconds=30))
    assert "over 4 minuten opnieuw" in lk.weigering(net, naam="M", now=NOW)
    bijna = _stand(uitgenodigd_op=NOW - dt.timedelta(minutes=4, seconds=30))
    assert "over 1 minuut opnieuw" in lk.weigering(bijna, naam="M", now=NOW)


@pytest.mark.parametrize("uitgenodigd_op", [None, NOW - lk.WACHTTIJD, NOW - dt.timedelta(days=30)])
def test_a_teacher_without_an_account_may_be_invited_again_after_five_minutes(
    uitgenodigd_op: dt.datetime | None,
) -> None:
    assert lk.weigering(_stand(uitgenodigd_op=uitgenodigd_op), naam="M", now=NOW) == ""
