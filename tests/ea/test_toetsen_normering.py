"""Pure decisions of the toetsen: score validation, norm bands (edges included), normering
coverage, raw scores of answers, and the login codes. No database."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

from koppel.ea.toetsen import inlogcodes
from koppel.ea.toetsen.normering import (
    Band,
    OngeldigeScore,
    band_voor,
    is_volledig,
    normeringsfouten,
    ruwe_score,
    scorefout,
    valideer_score,
)

#: the catalogue's bands over 0..8
BANDEN = [
    Band(term="V", beginnormwaarde=0, eindnormwaarde=2),
    Band(term="IV", beginnormwaarde=3, eindnormwaarde=4),
    Band(term="III", beginnormwaarde=5, eindnormwaarde=5),
    Band(term="II", beginnormwaarde=6, eindnormwaarde=7),
    Band(term="I", beginnormwaarde=8, eindnormwaarde=8),
]


@pytest.mark.parametrize(
    ("score", "term"),
    [(0, "V"), (2, "V"), (3, "IV"), (4, "IV"), (5, "III"), (6, "II"), (7, "II"), (8, "I")],
)
def test_a_score_falls_in_the_band_whose_inclusive_edges_hold_it(score: int, term: str) -> None:
    band = band_voor(score, BANDEN)
    assert band is not None and band.term == term


def test_a_score_outside_every_band_has_no_band() -> None:
    assert band_voor(9, BANDEN) is None


@pytest.mark.parametrize("score", [0, 20, 40])
def test_scores_from_zero_to_the_maximum_are_valid(score: int) -> None:
    assert scorefout(score, naam="Spelling", max_score=40) is None
    valideer_score(score, naam="Spelling", max_score=40)


@pytest.mark.parametrize("score", [-1, 41])
def test_a_score_outside_the_range_names_the_onderdeel_and_the_range(score: int) -> None:
    melding = "De score voor Spelling moet tussen 0 en 40 liggen."
    assert scorefout(score, naam="Spelling", max_score=40) == melding
    with pytest.raises(OngeldigeScore, match=melding):
        valideer_score(score, naam="Spelling", max_score=40)


def test_bands_covering_the_range_exactly_once_are_a_valid_normering() -> None:
    assert normeringsfouten(list(reversed(BANDEN)), naam="Woordenschat", max_score=8) == []


def test_a_gap_an_overlap_a_short_range_and_no_bands_are_reported() -> None:
    gat = [BANDEN[0], BANDEN[2], BANDEN[3], BANDEN[4]]
    assert normeringsfouten(gat, naam="W", max_score=8) == [
        "W: de normen sluiten niet aan bij score 5."
    ]
    overlap = [*BANDEN, Band(term="X", beginnormwaarde=4, eindnormwaarde=4)]
    assert normeringsfouten(overlap, naam="W", max_score=8) == [
        "W: de normen overlappen bij score 4."
    ]
    assert normeringsfouten(BANDEN, naam="W", max_score=10) == [
        "W: de normen lopen tot 8 en niet tot 10."
    ]
    assert normeringsfouten([], naam="W", max_score=8) == ["W: er zijn geen normen."]


def test_the_raw_score_counts_the_right_answers_only() -> None:
    juist = {1: 0, 2: 3, 3: 1}
    assert ruwe_score({1: 0, 2: 3, 3: 1}, juist) == 3
    assert ruwe_score({1: 1, 2: 3}, juist) == 1
    assert ruwe_score({}, juist) == 0
    assert ruwe_score({99: 0}, juist) == 0  # an opgave of another onderdeel counts nothing


def test_a_test_is_complete_when_every_onderdeel_has_a_score() -> None:
    assert is_volledig({1, 2}, {1, 2})
    assert not is_volledig({1}, {1, 2})
    assert not is_volledig(set(), set())


def test_a_login_code_is_eight_unambiguous_characters_shown_in_two_halves() -> None:
    codes = {inlogcodes.nieuwe_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert inlogcodes.is_code(code)
        assert not set(code) & set("01OI")
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", inlogcodes.toon(code))


def test_a_typed_code_is_normalised_before_it_is_checked() -> None:
    assert inlogcodes.normaliseer(" abcd-efgh ") == "ABCDEFGH"
    assert not inlogcodes.is_code("ABCDEFG")
    assert not inlogcodes.is_code("ABCDEFG0")


def test_the_stored_digest_is_an_hmac_under_the_secret_key() -> None:
    with override_settings(SECRET_KEY="een"):
        eerste = inlogcodes.digest("ABCDEFGH")
        assert inlogcodes.digest("ABCDEFGH") == eerste and len(eerste) == 64
        assert "ABCDEFGH" not in eerste
    with override_settings(SECRET_KEY="twee"):
        assert inlogcodes.digest("ABCDEFGH") != eerste
