"""The getrapt operations: HaalStructuur, then HaalLeerlingen / HaalLeerkrachten per group."""

from __future__ import annotations

import pytest

from koppel.las.school import services
from koppel.las.school.models import Groep, Leerkracht, Leerling, SamengesteldeGroep
from koppel.uwlr import messages as m
from tests.las.helpers import Antwoord, Gekoppeld, Post, verzoek

pytestmark = pytest.mark.django_db


def _keys(antwoord: Antwoord, tag: str) -> set[str]:
    return {e.get("key") for e in antwoord.findall(f".//lg:{tag}")}


def test_haal_structuur_sends_the_school_and_all_its_groups(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    antwoord = post(verzoek(m.StructuurVerzoek), gekoppeld.autorisatie())
    assert antwoord.findall(".//lg:structuur_antwoord/*/lg:school")
    assert _keys(antwoord, "groep") == set(Groep.objects.values_list("key", flat=True))
    assert _keys(antwoord, "samengestelde_groep") == set(
        SamengesteldeGroep.objects.values_list("key", flat=True)
    )
    assert not antwoord.findall(".//lg:leerling")


def test_haal_leerlingen_sends_the_pupils_of_the_requested_groups(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    groep = Groep.objects.first()
    sg = SamengesteldeGroep.objects.filter(leerlingen__isnull=False).first()
    gevraagd = (m.GroepSelectie(key=groep.key), m.SamengesteldeGroepSelectie(key=sg.key))
    antwoord = post(verzoek(m.LeerlingenVerzoek, groepen=gevraagd), gekoppeld.autorisatie())
    verwacht = set(Leerling.objects.filter(groep=groep).values_list("key", flat=True))
    verwacht |= set(sg.leerlingen.values_list("key", flat=True))
    assert _keys(antwoord, "leerling") == verwacht


def test_a_keyless_groep_asks_for_pupils_in_no_stamgroep(post: Post, gekoppeld: Gekoppeld) -> None:
    leerling = Leerling.objects.first()
    services.move_leerling(leerling, groep=None)
    antwoord = post(
        verzoek(m.LeerlingenVerzoek, groepen=(m.GroepSelectie(),)), gekoppeld.autorisatie()
    )
    assert _keys(antwoord, "leerling") == set(
        Leerling.objects.filter(groep=None).values_list("key", flat=True)
    )
    assert leerling.key in _keys(antwoord, "leerling")


def test_a_keyless_samengestelde_groep_asks_for_pupils_in_none(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    gevraagd = (m.SamengesteldeGroepSelectie(),)
    antwoord = post(verzoek(m.LeerlingenVerzoek, groepen=gevraagd), gekoppeld.autorisatie())
    verwacht = set(
        Leerling.objects.filter(samengestelde_groepen=None).values_list("key", flat=True)
    )
    assert verwacht and _keys(antwoord, "leerling") == verwacht


def test_no_pupil_in_the_selection_answers_geengegevens(post: Post, gekoppeld: Gekoppeld) -> None:
    Leerling.objects.update(groep=Groep.objects.first())
    antwoord = post(
        verzoek(m.LeerlingenVerzoek, groepen=(m.GroepSelectie(),)), gekoppeld.autorisatie()
    )
    assert antwoord.findall(".//lg:geengegevens")


def test_an_unknown_group_key_is_ongeldig_bericht(post: Post, gekoppeld: Gekoppeld) -> None:
    antwoord = post(
        verzoek(m.LeerlingenVerzoek, groepen=(m.GroepSelectie(key="G-BESTAAT-NIET"),)),
        gekoppeld.autorisatie(),
    )
    assert antwoord.faultcode == "Client.OngeldigBericht"


def test_haal_leerkrachten_sends_the_teachers_of_the_requested_groups(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    groep = Groep.objects.first()
    antwoord = post(
        verzoek(m.LeerkrachtenVerzoek, groepen=(m.GroepSelectie(key=groep.key),)),
        gekoppeld.autorisatie(),
    )
    assert _keys(antwoord, "leerkracht") == set(groep.leerkrachten.values_list("key", flat=True))


def test_a_keyless_groep_asks_for_teachers_in_no_stamgroep(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    antwoord = post(
        verzoek(m.LeerkrachtenVerzoek, groepen=(m.GroepSelectie(),)), gekoppeld.autorisatie()
    )
    verwacht = set(Leerkracht.objects.filter(groepen=None).values_list("key", flat=True))
    assert verwacht and _keys(antwoord, "leerkracht") == verwacht
