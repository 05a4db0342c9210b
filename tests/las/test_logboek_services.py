"""The logboek of the school's own edits: every write service of the school and the pupil file
writes exactly one entry (soort, pupil, who) in its own transaction, a refused edit writes none,
a refused entry undoes the edit, and the entries are never changed or deleted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection
from django.utils import timezone

from koppel.common.alleen_toevoegen import AlleenToevoegen
from koppel.las.accounts import services as accounts
from koppel.las.errors import AlreadyExists, InvalidState, LasError
from koppel.las.leerlingdossier import services as dossier
from koppel.las.leerlingdossier import services_loopbaan as loopbaan
from koppel.las.leerlingdossier import services_verzorgers as verzorgers
from koppel.las.leerlingdossier.models import LeerlingVerzorger
from koppel.las.logboek import models as logboek
from koppel.las.logboek.models import Wijziging
from koppel.las.logboek.services import gewijzigde_velden
from koppel.las.school import services as school_services
from koppel.las.school.models import Groep, Leerkracht, Leerling, SamengesteldeGroep, School

pytestmark = pytest.mark.django_db

DOOR = "Anna de Vries"
ADRES = verzorgers.AdresVelden(straat="Lindelaan", huisnummer="4", postcode="1234 AB", plaats="Ede")
MILA = verzorgers.VerzorgerVelden(
    achternaam="Bakker", roepnaam="Mila", telefoon="06-11112222", adres=ADRES
)
MOEDER = verzorgers.RelatieVelden(relatie="moeder")
Actie = Callable[[School, Leerling], Leerling | None]


def _today() -> dt.date:
    return timezone.localdate()


def _leerling(school: School) -> Leerling:
    """An enrolled pupil of a stamgroep (the subject of every edit below)."""
    rows = Leerling.objects.filter(school=school, groep__isnull=False, uitschrijvingsdatum=None)
    return rows.filter(inschrijvingsdatum__lte=_today()).order_by("pk").first()  # type: ignore[return-value]


def _relatie(leerling: Leerling) -> LeerlingVerzorger:
    verzorger = verzorgers.add_verzorger(leerling, MILA, relatie=MOEDER)
    return LeerlingVerzorger.objects.get(leerling=leerling, verzorger=verzorger)


# --- one action per write service; preparations run as "systeem" --------------------------------


def _toevoegen(school: School, _: Leerling) -> Leerling:
    gegevens = school_services.NieuweLeerling(
        achternaam="Visser",
        roepnaam="Noor",
        geboortedatum=dt.date(2019, 3, 1),
        jaargroep="1",
        inschrijvingsdatum=_today(),
    )
    return school_services.add_leerling(school, gegevens, today=_today(), door=DOOR)


def _andere_groep(school: School, ll: Leerling) -> Leerling:
    groep = Groep.objects.filter(school=school).exclude(pk=ll.groep_id).first()
    return school_services.move_leerling(ll, groep=groep, door=DOOR)


def _samengesteld(school: School, ll: Leerling) -> Leerling:
    groepen = list(SamengesteldeGroep.objects.filter(school=school)[:1])
    school_services.set_samengestelde_groepen(ll, groepen, door=DOOR)
    return ll


def _uitschrijven(school: School, ll: Leerling) -> Leerling:
    return school_services.uitschrijven(ll, datum=_today(), door=DOOR)


def _medewerker_groepen(school: School, ll: Leerling) -> None:
    leerkracht = Leerkracht.objects.filter(school=school).first()
    assert leerkracht is not None
    groepen = list(Groep.objects.filter(school=school)[:2])
    school_services.set_leerkracht_groepen(
        leerkracht, groepen=groepen, samengestelde_groepen=[], door=DOOR
    )


def _absentie(school: School, ll: Leerling) -> Leerling:
    dossier.record_absentie(
        ll, datum=_today(), dagdeel="ochtend", soort="ziek", door=DOOR, today=_today()
    )
    return ll


def _absentie_weg(school: School, ll: Leerling) -> Leerling:
    absentie = dossier.record_absentie(
        ll, datum=_today(), dagdeel="dag", soort="ziek", door="juf", today=_today()
    )
    dossier.delete_absentie(absentie, door=DOOR)
    return ll


def _methodetoets(school: School, _: Leerling) -> None:
    dossier.add_methodetoets(
        school.pk,
        methode="Wereld in getallen",
        naam="Blok 3",
        vakgebied="rekenen",
        maximumscore=40,
        door=DOOR,
    )


def _toetsscore(school: School, ll: Leerling) -> Leerling:
    toets = dossier.add_methodetoets(
        school.pk,
        methode="Veilig leren lezen",
        naam="Kern 2",
        vakgebied="technisch_lezen",
        maximumscore=20,
    )
    dossier.enter_toetsscore(
        ll, toets=toets, datum=_today(), ruwe_score="17", door=DOOR, today=_today()
    )
    return ll


def _verzorger_toevoegen(school: School, ll: Leerling) -> Leerling:
    verzorgers.add_verzorger(ll, MILA, relatie=MOEDER, door=DOOR)
    return ll


def _verzorger_wijzigen(school: School, ll: Leerling) -> Leerling:
    velden = verzorgers.VerzorgerVelden(achternaam="Bakker", roepnaam="Mila", telefoon="06-2")
    verzorgers.change_verzorger(_relatie(ll), velden, relatie_velden=MOEDER, door=DOOR)
    return ll


def _verzorger_koppelen(school: School, ll: Leerling) -> Leerling:
    zus = Leerling.objects.filter(school=school).exclude(pk=ll.pk).first()
    assert zus is not None
    verzorgers.link_verzorger(zus, _relatie(ll).verzorger, relatie=MOEDER, door=DOOR)
    return zus


def _verzorger_ontkoppelen(school: School, ll: Leerling) -> Leerling:
    verzorgers.unlink_verzorger(_relatie(ll), door=DOOR)
    return ll


def _uitstroom(school: School, ll: Leerling) -> Leerling:
    velden = loopbaan.UitstroomVelden(datum=_today(), bestemming="vo", schooladvies="havo")
    loopbaan.record_uitstroom(ll, velden, door=DOOR)
    return ll


def _uitstroom_wissen(school: School, ll: Leerling) -> Leerling:
    loopbaan.record_uitstroom(ll, loopbaan.UitstroomVelden(datum=_today(), bestemming="vo"))
    loopbaan.clear_uitstroom(ll, door=DOOR)
    return ll


def _arrangement(school: School, ll: Leerling) -> Leerling:
    velden = loopbaan.ArrangementVelden(soort="lgf-2", begindatum=_today(), omschrijving="geheim")
    loopbaan.add_arrangement(ll, velden, door=DOOR)
    return ll


def _arrangement_einde(school: School, ll: Leerling) -> Leerling:
    velden = loopbaan.ArrangementVelden(soort="arrangement", begindatum=_today())
    arrangement = loopbaan.add_arrangement(ll, velden)
    loopbaan.end_arrangement(arrangement, einddatum=_today(), door=DOOR)
    return ll


def _arrangement_weg(school: School, ll: Leerling) -> Leerling:
    velden = loopbaan.ArrangementVelden(soort="arrangement", begindatum=_today())
    loopbaan.delete_arrangement(loopbaan.add_arrangement(ll, velden), door=DOOR)
    return ll


ACTIES: list[tuple[str, Actie]] = [
    (logboek.LEERLING_TOEGEVOEGD, _toevoegen),
    (logboek.ANDERE_GROEP, _andere_groep),
    (logboek.SAMENGESTELDE_GROEPEN, _samengesteld),
    (logboek.UITGESCHREVEN, _uitschrijven),
    (logboek.MEDEWERKER_GROEPEN, _medewerker_groepen),
    (logboek.ABSENTIE, _absentie),
    (logboek.ABSENTIE_VERWIJDERD, _absentie_weg),
    (logboek.METHODETOETS, _methodetoets),
    (logboek.TOETSSCORE, _toetsscore),
    (logboek.VERZORGER_TOEGEVOEGD, _verzorger_toevoegen),
    (logboek.VERZORGER_GEWIJZIGD, _verzorger_wijzigen),
    (logboek.VERZORGER_GEKOPPELD, _verzorger_koppelen),
    (logboek.VERZORGER_ONTKOPPELD, _verzorger_ontkoppelen),
    (logboek.UITSTROOM, _uitstroom),
    (logboek.UITSTROOM_GEWIST, _uitstroom_wissen),
    (logboek.ARRANGEMENT_TOEGEVOEGD, _arrangement),
    (logboek.ARRANGEMENT_BEEINDIGD, _arrangement_einde),
    (logboek.ARRANGEMENT_VERWIJDERD, _arrangement_weg),
]


@pytest.mark.parametrize(("soort", "actie"), ACTIES, ids=[s for s, _ in ACTIES])
def test_every_write_service_writes_exactly_one_entry_with_its_soort_pupil_and_door(
    school: School, soort: str, actie: Actie
) -> None:
    genoemd = actie(school, _leerling(school))
    entry = Wijziging.objects.get(door=DOOR)
    assert (entry.soort, entry.school_id) == (soort, school.pk)
    assert entry.omschrijving and entry.op <= timezone.now()
    if genoemd is None:
        assert (entry.leerling, entry.leerling_naam, entry.leerling_key) == (None, "", "")
    else:
        assert entry.leerling == genoemd
        assert (entry.leerling_naam, entry.leerling_key) == (str(genoemd), genoemd.key)


def test_every_soort_of_entry_is_written_by_some_service() -> None:
    assert {soort for soort, _ in logboek.SOORTEN} == {soort for soort, _ in ACTIES} | {
        logboek.LEERLING_VERWIJDERD
    }


def test_seeding_a_school_writes_no_entries(school: School) -> None:
    assert not Wijziging.objects.exists()


def test_a_service_called_without_door_records_systeem(school: School) -> None:
    leerling = _leerling(school)
    school_services.uitschrijven(leerling, datum=_today())
    entry = Wijziging.objects.get()
    assert (entry.door, entry.gebruiker, entry.omschrijving) == (
        "systeem",
        None,
        f"Uitgeschreven per {_today():%d-%m-%Y}",
    )


def test_the_user_is_kept_next_to_the_name(school: School) -> None:
    user = accounts.create_user("anna", wachtwoord=None, naam=DOOR)
    school_services.move_leerling(_leerling(school), groep=None, door=DOOR, gebruiker=user)
    entry = Wijziging.objects.get()
    assert entry.gebruiker == user
    assert entry.omschrijving == "Uit de stamgroep gehaald"


def test_a_removed_pupils_entry_keeps_its_name_and_leerlingnummer(school: School) -> None:
    leerling = _leerling(school)
    naam, key = str(leerling), leerling.key
    school_services.delete_leerling(leerling, door=DOOR)
    entry = Wijziging.objects.get(soort=logboek.LEERLING_VERWIJDERD)
    assert (entry.leerling, entry.leerling_naam, entry.leerling_key) == (None, naam, key)
    assert entry.door == DOOR


def test_a_verzorger_change_names_the_fields_changed_but_never_their_values(
    school: School,
) -> None:
    relatie = _relatie(_leerling(school))
    verhuisd = verzorgers.AdresVelden(straat="Dorpsstraat", huisnummer="9", plaats="Epe")
    velden = verzorgers.VerzorgerVelden(
        achternaam="Bakker",
        roepnaam="Mila",
        telefoon="06-99990000",
        telefoon_geheim=True,
        adres=verhuisd,
    )
    verzorgers.change_verzorger(relatie, velden, relatie_velden=MOEDER, door=DOOR)
    entry = Wijziging.objects.get(door=DOOR)
    assert entry.omschrijving == "Verzorger Mila Bakker gewijzigd: telefoon, telefoon geheim, adres"
    assert "0699" not in entry.omschrijving.replace("-", "")
    assert "Dorpsstraat" not in entry.omschrijving and "Epe" not in entry.omschrijving


def test_saving_a_verzorger_unchanged_says_nothing_changed(school: School) -> None:
    relatie = _relatie(_leerling(school))
    verzorgers.change_verzorger(relatie, MILA, relatie_velden=MOEDER, door=DOOR)
    assert Wijziging.objects.get(door=DOOR).omschrijving == (
        "Verzorger Mila Bakker gewijzigd: niets"
    )


def test_an_arrangements_free_text_stays_out_of_the_log(school: School) -> None:
    _arrangement(school, _leerling(school))
    assert "geheim" not in Wijziging.objects.get(door=DOOR).omschrijving


def test_which_fields_changed_is_decided_by_label_once_per_label() -> None:
    labels = {"straat": "adres", "plaats": "adres", "telefoon": "telefoon", "roepnaam": "roepnaam"}
    oud = {"straat": "A", "plaats": "B", "telefoon": "1", "roepnaam": "Mila"}
    nieuw = {"straat": "C", "plaats": "D", "telefoon": "2", "roepnaam": "Mila"}
    assert gewijzigde_velden(oud, nieuw, labels) == ["adres", "telefoon"]
    assert gewijzigde_velden(oud, oud, labels) == []


# --- refused edits, and a refused entry ---------------------------------------------------------


def _te_vroeg_uitschrijven(school: School, ll: Leerling) -> None:
    school_services.uitschrijven(ll, datum=ll.inschrijvingsdatum - dt.timedelta(days=1), door=DOOR)


def _verzorger_zonder_naam(school: School, ll: Leerling) -> None:
    velden = verzorgers.VerzorgerVelden(achternaam=" ")
    verzorgers.add_verzorger(ll, velden, relatie=MOEDER, door=DOOR)


def _absentie_in_de_toekomst(school: School, ll: Leerling) -> None:
    morgen = _today() + dt.timedelta(days=1)
    dossier.record_absentie(
        ll, datum=morgen, dagdeel="dag", soort="ziek", door=DOOR, today=_today()
    )


def _dubbel_koppelen(school: School, ll: Leerling) -> None:
    relatie = _relatie(ll)
    verzorgers.link_verzorger(ll, relatie.verzorger, relatie=MOEDER, door=DOOR)


def _maximumscore_nul(school: School, ll: Leerling) -> None:
    dossier.add_methodetoets(
        school.pk, methode="M", naam="T", vakgebied="taal", maximumscore=0, door=DOOR
    )


WEIGERINGEN: list[tuple[Actie, type[LasError]]] = [
    (_te_vroeg_uitschrijven, InvalidState),
    (_verzorger_zonder_naam, InvalidState),
    (_absentie_in_de_toekomst, InvalidState),
    (_dubbel_koppelen, AlreadyExists),
    (_maximumscore_nul, InvalidState),
]


@pytest.mark.parametrize(("actie", "fout"), WEIGERINGEN, ids=lambda v: getattr(v, "__name__", ""))
def test_a_refused_edit_writes_no_entry(school: School, actie: Actie, fout: type[LasError]) -> None:
    with pytest.raises(fout):
        actie(school, _leerling(school))
    assert not Wijziging.objects.filter(door=DOOR).exists()


def _weiger_logboek() -> None:
    """Make the database itself refuse every new entry (a trigger; undone with the test)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION weiger() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'logboek geweigerd'; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER weiger BEFORE INSERT ON logboek_wijziging "
                "FOR EACH ROW EXECUTE FUNCTION weiger()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER weiger BEFORE INSERT ON logboek_wijziging "
                "BEGIN SELECT RAISE(ABORT, 'logboek geweigerd'); END"
            )


def test_an_edit_whose_entry_the_database_refuses_is_undone(school: School) -> None:
    leerling = _leerling(school)
    _weiger_logboek()
    with pytest.raises(DatabaseError, match="logboek geweigerd"):
        school_services.uitschrijven(leerling, datum=_today(), door=DOOR)
    assert Leerling.objects.get(pk=leerling.pk).uitschrijvingsdatum is None


def test_an_entry_is_never_changed_or_deleted(school: School) -> None:
    school_services.uitschrijven(_leerling(school), datum=_today(), door=DOOR)
    entry = Wijziging.objects.get()
    entry.omschrijving = "iets anders"
    with pytest.raises(AlleenToevoegen):
        entry.save()
    with pytest.raises(AlleenToevoegen):
        entry.delete()
    assert Wijziging.objects.get().omschrijving == f"Uitgeschreven per {_today():%d-%m-%Y}"
