"""Writes of school data. Each service runs in one transaction and bumps the school's
``mutatiedatum`` so that ``laatstontvangengegevens`` sees deletions and membership changes.
Each edit (not the bulk seeding) writes its entry in the logboek in the same transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Unpack

from django.db import transaction
from django.utils import timezone

from koppel.las.errors import AlreadyExists, InvalidState
from koppel.las.leerlingdossier import loopbaan
from koppel.las.logboek import models as logboek
from koppel.las.logboek.services import Wie, opsomming, record_wijziging
from koppel.las.school.models import Groep, Leerkracht, Leerling, SamengesteldeGroep, School
from koppel.las.school.seeding_store import seed_school as seed_school  # the services' API


def touch_school(school_id: int, *, now: dt.datetime | None = None) -> None:
    """Record that something in the school's data changed."""
    School.objects.filter(pk=school_id).update(mutatiedatum=now or timezone.now())


@transaction.atomic
def move_leerling(
    leerling: Leerling, *, groep: Groep | None, jaargroep: str | None = None, **wie: Unpack[Wie]
) -> Leerling:
    """Put a pupil in another stamgroep (``None``: in none), optionally with a new jaargroep.

    The group history (``Groepsindeling``) closes the old placement and opens the new one today.
    """
    if groep is not None and groep.school_id != leerling.school_id:
        raise InvalidState("De groep hoort niet bij de school van de leerling.")
    leerling.groep = groep
    if jaargroep is not None:
        leerling.jaargroep = jaargroep
    leerling.save()
    schooljaar = School.objects.values_list("schooljaar", flat=True).get(pk=leerling.school_id)
    loopbaan.record_groepswissel(leerling, schooljaar=schooljaar, today=timezone.localdate())
    touch_school(leerling.school_id)
    omschrijving = f"Naar groep {groep}" if groep is not None else "Uit de stamgroep gehaald"
    omschrijving += f", jaargroep {jaargroep}" if jaargroep is not None else ""
    record_wijziging(logboek.ANDERE_GROEP, omschrijving, leerling=leerling, **wie)
    return leerling


@transaction.atomic
def set_samengestelde_groepen(
    leerling: Leerling, groepen: list[SamengesteldeGroep], **wie: Unpack[Wie]
) -> None:
    """Replace the samengestelde groepen a pupil belongs to."""
    if any(g.school_id != leerling.school_id for g in groepen):
        raise InvalidState("Een samengestelde groep hoort niet bij de school van de leerling.")
    leerling.samengestelde_groepen.set(groepen)
    leerling.save()
    touch_school(leerling.school_id)
    omschrijving = f"Samengestelde groepen: {opsomming([g.naam for g in groepen])}"
    record_wijziging(logboek.SAMENGESTELDE_GROEPEN, omschrijving, leerling=leerling, **wie)


@transaction.atomic
def uitschrijven(leerling: Leerling, *, datum: dt.date, **wie: Unpack[Wie]) -> Leerling:
    """End a pupil's enrolment: from ``datum`` on the pupil is no longer sent."""
    if datum < leerling.inschrijvingsdatum:
        raise InvalidState("De uitschrijvingsdatum ligt voor de inschrijvingsdatum.")
    leerling.uitschrijvingsdatum = datum
    leerling.save()
    loopbaan.record_uitschrijving(leerling, datum=datum)
    touch_school(leerling.school_id)
    omschrijving = f"Uitgeschreven per {datum:%d-%m-%Y}"
    record_wijziging(logboek.UITGESCHREVEN, omschrijving, leerling=leerling, **wie)
    return leerling


@transaction.atomic
def delete_leerling(leerling: Leerling, **wie: Unpack[Wie]) -> None:
    school_id = leerling.school_id
    # written first, so it names the pupil; the pupil's removal only empties the link
    record_wijziging(logboek.LEERLING_VERWIJDERD, "Leerling verwijderd", leerling=leerling, **wie)
    leerling.delete()
    touch_school(school_id)


# --- edits from the school's own pages ----------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class NieuweLeerling:
    """What "Leerling toevoegen" asks; an empty ``key`` (leerlingnummer) is chosen by the LAS."""

    achternaam: str
    voorvoegsel: str = ""
    roepnaam: str
    voorletters: str = ""
    geboortedatum: dt.date
    geslacht: str = "0"
    jaargroep: str
    groep: Groep | None = None
    inschrijvingsdatum: dt.date
    key: str = ""


def datumfouten(
    *, geboortedatum: dt.date, inschrijvingsdatum: dt.date | None, today: dt.date
) -> dict[str, str]:
    """Pure: the Dutch error per field for a pupil's dates that cannot be right (empty: fine)."""
    fouten = {}
    if geboortedatum > today:
        fouten["geboortedatum"] = "De geboortedatum ligt in de toekomst."
    elif geboortedatum.year < today.year - 100:
        fouten["geboortedatum"] = "De geboortedatum ligt meer dan honderd jaar terug."
    if inschrijvingsdatum is not None and inschrijvingsdatum < geboortedatum:
        fouten["inschrijvingsdatum"] = "De inschrijvingsdatum ligt voor de geboortedatum."
    return fouten


def new_leerling_key(school_id: int) -> str:
    """The first free ``LL-nnnnnn`` leerlingnummer of the school, after the ones in use."""
    nummer = Leerling.objects.filter(school_id=school_id).count() + 1
    while Leerling.objects.filter(school_id=school_id, key=f"LL-{nummer:06d}").exists():
        nummer += 1
    return f"LL-{nummer:06d}"


@transaction.atomic
def add_leerling(
    school: School, gegevens: NieuweLeerling, *, today: dt.date, **wie: Unpack[Wie]
) -> Leerling:
    """Enrol a new pupil in the school; refuses another school's groep and impossible dates."""
    fouten = datumfouten(
        geboortedatum=gegevens.geboortedatum,
        inschrijvingsdatum=gegevens.inschrijvingsdatum,
        today=today,
    )
    if fouten:
        raise InvalidState(" ".join(fouten.values()))
    if gegevens.groep is not None and gegevens.groep.school_id != school.pk:
        raise InvalidState("De groep hoort niet bij deze school.")
    key = gegevens.key or new_leerling_key(school.pk)
    if Leerling.objects.filter(school=school, key=key).exists():
        raise AlreadyExists(f"Leerlingnummer {key} is al in gebruik.")
    velden = {f.name: getattr(gegevens, f.name) for f in fields(gegevens)}
    leerling = Leerling.objects.create(school=school, **{**velden, "key": key})
    loopbaan.record_inschrijving(leerling, schooljaar=school.schooljaar)
    touch_school(school.pk)
    omschrijving = f"Ingeschreven per {leerling.inschrijvingsdatum:%d-%m-%Y}"
    omschrijving += f" in groep {leerling.groep}" if leerling.groep is not None else ""
    record_wijziging(logboek.LEERLING_TOEGEVOEGD, omschrijving, leerling=leerling, **wie)
    return leerling


@transaction.atomic
def set_leerkracht_groepen(
    leerkracht: Leerkracht,
    *,
    groepen: list[Groep],
    samengestelde_groepen: list[SamengesteldeGroep],
    **wie: Unpack[Wie],
) -> Leerkracht:
    """Replace the groepen and samengestelde groepen a teacher belongs to."""
    alle: list[Groep | SamengesteldeGroep] = [*groepen, *samengestelde_groepen]
    if any(g.school_id != leerkracht.school_id for g in alle):
        raise InvalidState("Een groep hoort niet bij de school van de leerkracht.")
    leerkracht.groepen.set(groepen)
    leerkracht.samengestelde_groepen.set(samengestelde_groepen)
    leerkracht.save()
    touch_school(leerkracht.school_id)
    omschrijving = f"Groepen van {leerkracht}: {opsomming([g.naam for g in groepen])}; "
    omschrijving += f"samengestelde groepen: {opsomming([g.naam for g in samengestelde_groepen])}"
    record_wijziging(
        logboek.MEDEWERKER_GROEPEN, omschrijving, school_id=leerkracht.school_id, **wie
    )
    return leerkracht
