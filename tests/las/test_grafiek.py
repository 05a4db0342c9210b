"""The score chart as a pure function: bands from the stored test definition, scaled points."""

from __future__ import annotations

import datetime as dt

from koppel.las.resultaten import grafiek
from koppel.las.resultaten.grafiek import Band, Punt, teken

BANDEN = (
    Band(van=0, tot=19, term="Onvoldoende", kleur=(200, 0, 0), dekking=1.0),
    Band(van=20, tot=40, term="Voldoende", kleur=(0, 160, 0), dekking=0.5),
)


def _punt(dag: int, score: int) -> Punt:
    return Punt(datum=dt.date(2026, 9, dag), score=score, toetsnaam="Rekenen")


def test_no_points_draw_no_chart() -> None:
    assert teken([], BANDEN, titel="Rekenen") is None


def test_bands_stack_without_gaps_over_the_whole_plot_in_their_colours() -> None:
    g = teken([_punt(1, 10)], BANDEN, titel="Rekenen")
    assert g is not None
    laag, hoog = g.vlakken
    assert (laag.kleur, hoog.kleur) == ("#c80000", "#00a000")
    assert hoog.y == g.boven and laag.y + laag.hoogte == g.onder
    assert hoog.y + hoog.hoogte == laag.y
    assert laag.x == g.links and laag.x + laag.breedte == g.rechts
    assert hoog.dekking < laag.dekking <= 1


def test_the_legend_names_every_term_with_its_colour() -> None:
    g = teken([_punt(1, 10)], BANDEN, titel="Rekenen")
    assert g is not None
    assert [(item.term, item.kleur) for item in g.legenda] == [
        ("Onvoldoende", "#c80000"),
        ("Voldoende", "#00a000"),
    ]


def test_points_are_scaled_by_date_and_score() -> None:
    g = teken([_punt(21, 40), _punt(1, 0), _punt(11, 20)], BANDEN, titel="Rekenen")
    assert g is not None
    eerste, midden, laatste = g.stippen
    assert eerste.x < midden.x < laatste.x
    assert midden.x == (eerste.x + laatste.x) / 2
    assert eerste.y == g.onder and laatste.y == g.boven
    assert midden.y == (g.boven + g.onder) / 2
    assert g.lijn == " ".join(f"{s.x},{s.y}" for s in (eerste, midden, laatste))
    assert eerste.label == "01-09-2026: 0 (Rekenen)"


def test_a_single_point_sits_in_the_middle_and_a_score_above_the_bands_widens_the_scale() -> None:
    g = teken([_punt(1, 50)], BANDEN, titel="Rekenen")
    assert g is not None
    (stip,) = g.stippen
    assert stip.x == (g.links + g.rechts) / 2
    assert stip.y == g.boven
    assert g.y_as[-1].label == "50"


def test_without_bands_the_scale_follows_the_scores() -> None:
    g = teken([_punt(1, 3), _punt(2, 3)], (), titel="Spelling")
    assert g is not None
    assert g.vlakken == () and g.legenda == ()
    assert all(g.boven <= s.y <= g.onder for s in g.stippen)
    assert "Spelling" in g.beschrijving and "01-09-2026 3" in g.beschrijving


DEFINITIE = {
    "toetscode": {"waarde": "REK"},
    "toetsnormering": {
        "normen": [
            {"term": "Voldoende", "beginnormwaarde": 20, "eindnormwaarde": 40},
            {
                "term": "Onvoldoende",
                "beginnormwaarde": 0,
                "eindnormwaarde": 19,
                "normkleur": {
                    "rood_code": 255,
                    "groen_code": 0,
                    "blauw_code": 0,
                    "transparantie": "0.80",
                },
            },
        ]
    },
    "toetsonderdelen": [
        {
            "toetsonderdeelvolgnummer": 1,
            "toetsonderdeelcode": {"waarde": "REK-BEW"},
            "toetsonderdeelnaam": "Bewerkingen",
            "toetsonderdeelnormering": {
                "normen": [{"term": "Goed", "beginnormwaarde": 0, "eindnormwaarde": 15}]
            },
        },
        {"toetsonderdeelvolgnummer": 2, "toetsonderdeelcode": {"waarde": "REK-MET"}},
    ],
}


def test_bands_are_read_from_the_stored_definition_in_order() -> None:
    assert grafiek.banden(DEFINITIE) == (
        Band(van=0, tot=19, term="Onvoldoende", kleur=(255, 0, 0), dekking=0.8),
        Band(van=20, tot=40, term="Voldoende"),
    )


def test_a_toetsonderdeel_uses_its_own_normering_else_the_tests() -> None:
    assert [b.term for b in grafiek.banden(DEFINITIE, "REK-BEW")] == ["Goed"]
    assert [b.term for b in grafiek.banden(DEFINITIE, "REK-MET")] == ["Onvoldoende", "Voldoende"]
    assert grafiek.banden({"toetscode": {"waarde": "X"}}) == ()


def test_onderdeel_names_and_terms() -> None:
    assert grafiek.onderdeelnaam(DEFINITIE, "REK-BEW") == "Bewerkingen"
    assert grafiek.onderdeelnaam(DEFINITIE, "REK-MET") == "REK-MET"
    assert grafiek.onderdeelnaam(DEFINITIE, "") == ""
    banden = grafiek.banden(DEFINITIE)
    assert grafiek.term_bij(19, banden) == "Onvoldoende"
    assert grafiek.term_bij(20, banden) == "Voldoende"
    assert grafiek.term_bij(41, banden) == ""
