"""Writes of a pupil's verzorgers: add a new one, change one, link an existing one (a brother's or
sister's parent) and unlink one.

A verzorger can be related to several pupils of the school, and UWLR and GKV deliver its data with
each of them, so every write bumps the ``mutatiedatum`` of every linked pupil. Two verzorgers may
share an address row (parents living together): changing the address of one gives that one its own
row, so the other's data stays as it was. Rows nobody refers to any more are removed. Each write
records an entry in the logboek for the pupil (a change names the fields changed, not the values).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Unpack

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from koppel.las.errors import AlreadyExists, InvalidState
from koppel.las.leerlingdossier import regels
from koppel.las.leerlingdossier.models import Adres, LeerlingVerzorger, Verzorger
from koppel.las.logboek import models as logboek
from koppel.las.logboek.services import Wie, gewijzigde_velden, record_wijziging
from koppel.las.school.models import Leerling


@dataclass(frozen=True, slots=True, kw_only=True)
class AdresVelden:
    straat: str
    huisnummer: str
    postcode: str = ""
    plaats: str
    gemeente: str = ""
    geheim: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class VerzorgerVelden:
    """What the school records of a verzorger; ``adres`` ``None`` means no address."""

    achternaam: str
    voorvoegsel: str = ""
    voorletters: str = ""
    roepnaam: str = ""
    emailadres: str = ""
    telefoon: str = ""
    telefoon_geheim: bool = False
    adres: AdresVelden | None = None

    def persoon(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if k != "adres"}


@dataclass(frozen=True, slots=True, kw_only=True)
class RelatieVelden:
    """How the verzorger relates to one pupil (``relatie``: a code of ``codes.RELATIES``)."""

    relatie: str
    wettelijk_gezag: bool = True


ADRESVELDEN = ("straat", "huisnummer", "postcode", "plaats", "gemeente")
LABELS = {
    "achternaam": "achternaam",
    "voorvoegsel": "voorvoegsel",
    "voorletters": "voorletters",
    "roepnaam": "roepnaam",
    "emailadres": "e-mailadres",
    "telefoon": "telefoon",
    "telefoon_geheim": "telefoon geheim",
    "adres": "adres",
    "adres_geheim": "adres geheim",
    "relatie": "relatie",
    "wettelijk_gezag": "wettelijk gezag",
}


def touch_verzorger(verzorger_id: int) -> None:
    """Record that the data of every pupil linked to the verzorger changed."""
    ids = LeerlingVerzorger.objects.filter(verzorger_id=verzorger_id).values("leerling_id")
    Leerling.objects.filter(pk__in=ids).update(mutatiedatum=timezone.now())


def new_verzorger_key(school_id: int) -> str:
    """The first free ``VZ-nnnnnn`` key of the school (seeded keys look like ``VZ-000001-1``)."""
    nummer = Verzorger.objects.filter(school_id=school_id).count() + 1
    while Verzorger.objects.filter(school_id=school_id, key=f"VZ-{nummer:06d}").exists():
        nummer += 1
    return f"VZ-{nummer:06d}"


def _check(velden: VerzorgerVelden) -> None:
    fout = regels.verzorger_naam_fout(velden.achternaam)
    if fout:
        raise InvalidState(fout)


@transaction.atomic
def add_verzorger(
    leerling: Leerling, velden: VerzorgerVelden, *, relatie: RelatieVelden, **wie: Unpack[Wie]
) -> Verzorger:
    """Record a new verzorger of the pupil's school and link it to the pupil."""
    _check(velden)
    verzorger = Verzorger.objects.create(
        school_id=leerling.school_id, key=new_verzorger_key(leerling.school_id), **velden.persoon()
    )
    _set_adres(verzorger, velden.adres)
    _link(leerling, verzorger, relatie)
    touch_verzorger(verzorger.pk)
    omschrijving = f"Verzorger {verzorger} toegevoegd"
    record_wijziging(logboek.VERZORGER_TOEGEVOEGD, omschrijving, leerling=leerling, **wie)
    return verzorger


@transaction.atomic
def change_verzorger(
    relatie: LeerlingVerzorger,
    velden: VerzorgerVelden,
    *,
    relatie_velden: RelatieVelden,
    **wie: Unpack[Wie],
) -> Verzorger:
    """Change a verzorger's data and its relation to one pupil; every linked pupil is bumped."""
    _check(velden)
    verzorger = Verzorger.objects.select_for_update().get(pk=relatie.verzorger_id)
    oud = _stand(verzorger, relatie)
    for veld, waarde in velden.persoon().items():
        setattr(verzorger, veld, waarde)
    _set_adres(verzorger, velden.adres)
    relatie.relatie, relatie.wettelijk_gezag = (
        relatie_velden.relatie,
        relatie_velden.wettelijk_gezag,
    )
    relatie.save(update_fields=["relatie", "wettelijk_gezag"])
    touch_verzorger(verzorger.pk)
    velden_gewijzigd = gewijzigde_velden(oud, _stand(verzorger, relatie), LABELS)
    omschrijving = f"Verzorger {verzorger} gewijzigd: {', '.join(velden_gewijzigd) or 'niets'}"
    record_wijziging(logboek.VERZORGER_GEWIJZIGD, omschrijving, leerling=relatie.leerling, **wie)
    return verzorger


def _stand(verzorger: Verzorger, relatie: LeerlingVerzorger) -> dict[str, object]:
    """What the logboek compares to name the fields a change touched (read, never written)."""
    adres = verzorger.adres
    stand = {veld: getattr(verzorger, veld) for veld in VerzorgerVelden.__dataclass_fields__}
    stand["adres"] = None if adres is None else tuple(getattr(adres, v) for v in ADRESVELDEN)
    stand["adres_geheim"] = adres is not None and adres.geheim
    return stand | {"relatie": relatie.relatie, "wettelijk_gezag": relatie.wettelijk_gezag}


@transaction.atomic
def link_verzorger(
    leerling: Leerling, verzorger: Verzorger, *, relatie: RelatieVelden, **wie: Unpack[Wie]
) -> LeerlingVerzorger:
    """Link an existing verzorger of the same school to another pupil."""
    if verzorger.school_id != leerling.school_id:
        raise InvalidState("De verzorger hoort niet bij de school van de leerling.")
    if LeerlingVerzorger.objects.filter(leerling=leerling, verzorger=verzorger).exists():
        raise AlreadyExists(f"{verzorger} is al verzorger van {leerling}.")
    gekoppeld = _link(leerling, verzorger, relatie)
    touch_verzorger(verzorger.pk)
    omschrijving = f"Bestaande verzorger {verzorger} gekoppeld"
    record_wijziging(logboek.VERZORGER_GEKOPPELD, omschrijving, leerling=leerling, **wie)
    return gekoppeld


@transaction.atomic
def unlink_verzorger(relatie: LeerlingVerzorger, **wie: Unpack[Wie]) -> bool:
    """Unlink a verzorger from one pupil; it is removed when no pupil is left. True if removed."""
    verzorger_id = relatie.verzorger_id
    touch_verzorger(verzorger_id)
    relatie.delete()
    _hernummer(relatie.leerling)
    laatste = not LeerlingVerzorger.objects.filter(verzorger_id=verzorger_id).exists()
    omschrijving = f"Verzorger {relatie.verzorger} ontkoppeld"
    omschrijving += "; de gegevens van de verzorger zijn verwijderd" if laatste else ""
    record_wijziging(logboek.VERZORGER_ONTKOPPELD, omschrijving, leerling=relatie.leerling, **wie)
    if not laatste:
        return False
    verzorger = Verzorger.objects.select_related("adres").get(pk=verzorger_id)
    adres = verzorger.adres
    verzorger.delete()
    _remove_if_unused(adres)
    return True


def _hernummer(leerling: Leerling) -> None:
    """Number the pupil's remaining verzorgers 1, 2, ... again, in their order: no gap after an
    unlink, so the first contact stays ``volgorde`` 1."""
    relaties = list(leerling.relaties.order_by("volgorde", "pk"))
    for volgorde, relatie in enumerate(relaties, start=1):
        if relatie.volgorde != volgorde:
            relatie.volgorde = volgorde
            relatie.save(update_fields=["volgorde"])


def _link(leerling: Leerling, verzorger: Verzorger, relatie: RelatieVelden) -> LeerlingVerzorger:
    laatste = leerling.relaties.aggregate(m=Max("volgorde"))["m"] or 0
    return LeerlingVerzorger.objects.create(
        leerling=leerling, verzorger=verzorger, volgorde=laatste + 1, **asdict(relatie)
    )


def _set_adres(verzorger: Verzorger, velden: AdresVelden | None) -> None:
    """Give the verzorger the address; a row shared with another verzorger is never changed."""
    oud = verzorger.adres
    if velden is None:
        verzorger.adres = None
    elif oud is not None and _zelfde(oud, velden):
        pass
    elif oud is not None and not oud.verzorgers.exclude(pk=verzorger.pk).exists():
        for veld, waarde in asdict(velden).items():
            setattr(oud, veld, waarde)
        oud.save()
    else:
        verzorger.adres = Adres.objects.create(school_id=verzorger.school_id, **asdict(velden))
    verzorger.save()
    if oud is not None and verzorger.adres_id != oud.pk:
        _remove_if_unused(oud)


def _zelfde(adres: Adres, velden: AdresVelden) -> bool:
    return all(getattr(adres, veld) == waarde for veld, waarde in asdict(velden).items())


def _remove_if_unused(adres: Adres | None) -> None:
    if adres is not None and not adres.verzorgers.exists():
        adres.delete()
