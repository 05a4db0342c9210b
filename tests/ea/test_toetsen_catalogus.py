"""The test catalogue: the shipped JSON files, loading them (idempotent, all or nothing), and the
``koppel ea toetsen`` command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from koppel.ea.toetsen import catalogus
from koppel.ea.toetsen.models import Afname, Norm, Opgave, Score, Toets, Toetsonderdeel
from tests.ea import test_toetsen_hulp as hulp
from tests.ea.test_toetsen_hulp import LV, NU, RW

pytestmark = pytest.mark.django_db
school, toetsen = hulp.school, hulp.toetsen  # the shared fixtures


def _aantallen() -> tuple[int, ...]:
    modellen = (Toets, Toetsonderdeel, Norm, Opgave)
    return tuple(model.objects.count() for model in modellen)


def _kopie(tmp_path: Path) -> Path:
    map = tmp_path / "catalogus"
    shutil.copytree(catalogus.CATALOGUS, map)
    return map


def _bewerk(map: Path, naam: str, wijzig: Any) -> None:
    pad = map / naam
    data = json.loads(pad.read_text(encoding="utf-8"))
    wijzig(data)
    pad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_the_catalogue_has_a_reading_and_a_maths_test_with_vocabulary_vakgebieden() -> None:
    geladen = {g.toets.code: g for g in catalogus.laad()}
    assert set(geladen) == {LV, RW}
    lezen, rekenen = geladen[LV].toets, geladen[RW].toets
    assert (lezen.naam, lezen.vakgebied, lezen.leerjaar) == (
        "Leesvaardigheid", "Begrijpend/studerend lezen", "5",
    )  # fmt: skip
    assert (rekenen.naam, rekenen.vakgebied) == ("Rekenen-Wiskunde", "Rekenen en wiskunde")
    assert rekenen.toetshierarchie[0] == {"niveau": 1, "waarde": "Koppel leerlingvolgsysteem"}
    for toets in (lezen, rekenen):
        onderdelen = list(toets.onderdelen.all())
        assert len(onderdelen) == 2
        for onderdeel in onderdelen:
            terms = list(
                onderdeel.normen.order_by("-beginnormwaarde").values_list("term", flat=True)
            )
            assert terms == ["I", "II", "III", "IV", "V"]
            assert onderdeel.opgaven.count() == onderdeel.max_score == 8


def test_a_norm_band_carries_its_colour_and_schoolcijfer_range() -> None:
    catalogus.laad()
    hoogste = Norm.objects.get(onderdeel__code="KOPPEL-RW-M5-GB", term="I")
    assert (hoogste.beginnormwaarde, hoogste.eindnormwaarde, hoogste.kleur) == (8, 8, "#1a9850")
    assert (str(hoogste.schoolcijfer_vanaf), str(hoogste.schoolcijfer_totenmet)) == ("8.0", "10.0")


def test_loading_twice_changes_nothing() -> None:
    eerste = catalogus.laad()
    voor, ids = _aantallen(), set(Opgave.objects.values_list("pk", flat=True))
    tweede = catalogus.laad()
    assert all(g.nieuw for g in eerste) and not any(g.nieuw for g in tweede)
    assert _aantallen() == voor
    assert set(Opgave.objects.values_list("pk", flat=True)) == ids


def test_loading_an_edited_file_updates_the_test_by_its_code(tmp_path: Path) -> None:
    catalogus.laad()
    map = _kopie(tmp_path)

    def wijzig(data: dict[str, Any]) -> None:
        data["naam"] = "Leesvaardigheid (herzien)"
        data["onderdelen"][0]["opgaven"].pop()  # one opgave fewer

    _bewerk(map, "leesvaardigheid.json", wijzig)
    catalogus.laad(map)
    toets = Toets.objects.get(code=LV)
    assert toets.naam == "Leesvaardigheid (herzien)"
    assert toets.onderdelen.get(volgnummer=1).opgaven.count() == 7
    assert Toets.objects.count() == 2


@pytest.mark.parametrize(
    ("wijzig", "melding"),
    [
        (lambda d: d.update(vakgebied="Technisch lezen"), "staat niet in de vocabulaire"),
        (lambda d: d["onderdelen"][0]["normen"].pop(), "sluiten niet aan"),
        (lambda d: d["onderdelen"][1]["opgaven"][0].update(juist=7), "juist antwoord"),
        (lambda d: d["onderdelen"][1]["normen"][0].update(kleur="groen"), "#RRGGBB"),
    ],
)
def test_an_invalid_file_is_refused_and_nothing_is_written(
    tmp_path: Path, wijzig: Any, melding: str
) -> None:
    map = _kopie(tmp_path)
    _bewerk(map, "rekenen_wiskunde.json", wijzig)
    with pytest.raises(catalogus.CatalogusFout, match=melding):
        catalogus.laad(map)
    assert _aantallen() == (0, 0, 0, 0)


def test_a_norm_used_by_a_score_cannot_disappear_from_the_catalogue(
    tmp_path: Path, school: dict[str, Any], toetsen: dict[str, Toets]
) -> None:
    toets = toetsen[RW]
    afname = Afname.objects.create(
        klant=school["5a"].klant, leerling=school["arent"], toets=toets, uitgenodigd_op=NU
    )
    onderdeel = toets.onderdelen.get(volgnummer=1)
    norm = onderdeel.normen.get(term="I")
    Score.objects.create(
        afname=afname,
        onderdeel=onderdeel,
        ruwe_score=8,
        norm=norm,
        bron="ingevoerd",
        ingevoerd_op=NU,
    )
    map = _kopie(tmp_path)

    def zonder_i(data: dict[str, Any]) -> None:
        normen = data["onderdelen"][0]["normen"]
        data["onderdelen"][0]["normen"] = [n for n in normen if n["term"] != "I"]
        next(n for n in data["onderdelen"][0]["normen"] if n["term"] == "II")["eindnormwaarde"] = 8

    _bewerk(map, "rekenen_wiskunde.json", zonder_i)
    with pytest.raises(catalogus.CatalogusFout, match="al gebruikt"):
        catalogus.laad(map)
    assert Norm.objects.filter(pk=norm.pk).exists()


def test_the_command_loads_and_lists_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("toetsen", "laad")
    call_command("toetsen", "laad")
    uit = capsys.readouterr().out
    assert "Toets KOPPEL-LV-M5 (Leesvaardigheid) toegevoegd: 2 onderdelen, 16 opgaven." in uit
    assert "Toets KOPPEL-LV-M5 (Leesvaardigheid) bijgewerkt: 2 onderdelen, 16 opgaven." in uit
    call_command("toetsen", "lijst")
    lijst = capsys.readouterr().out
    assert "KOPPEL-RW-M5\tLVS RW\tRekenen-Wiskunde\tRekenen en wiskunde\tleerjaar 5" in lijst
    assert "  KOPPEL-RW-M5-MM\tMeten en meetkunde\t0..8" in lijst


def test_the_command_reports_an_empty_folder_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Geen toetsbestanden"):
        call_command("toetsen", "laad", "--map", str(tmp_path))
