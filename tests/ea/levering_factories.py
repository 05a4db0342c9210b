"""Finalised results in the EA database without the toetsen pages, for the delivery tests and the
delivery benchmark: a test with onderdelen and normen, pupils linked to the LAS, Definitief
afnames with their scores, results and outbox entries, and an approved coupling with the LAS's
key, all written directly with the ORM.

Also usable inside a real EA process (``ea.python(...)`` with ``PYTHONPATH`` set to the
repository), and with the helpers that read a real LAS's pupils and stored results.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from koppel.ea.klanten.models import Klant, Leerling
from koppel.ea.koppeling import crypto
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from koppel.ea.resultaten import outbox
from koppel.ea.resultaten.models import Resultaat
from koppel.ea.toetsen.models import (
    DEFINITIEF,
    INGEVOERD,
    Afname,
    Norm,
    Score,
    Toets,
    Toetsonderdeel,
)
from tests.support.las_process import LasProcess

#: five bands I..V over 0..max: (term, share of the range where it ends, colour, school marks)
BANDEN = (
    ("V", 0.2, "#d7191c", ("1.0", "4.0")),
    ("IV", 0.4, "#fdae61", ("4.0", "5.5")),
    ("III", 0.6, "#ffffbf", ("5.5", "7.0")),
    ("II", 0.8, "#a6d96a", ("7.0", "8.5")),
    ("I", 1.0, "#1a9641", ("8.5", "10.0")),
)
Scorer = Callable[[int, Toetsonderdeel], int]


def maak_toets(
    code: str = "KOPPEL-RW-M5",
    *,
    naam: str = "Rekenen-Wiskunde midden groep 5",
    vakgebied: str = "Rekenen en wiskunde",
    onderdelen: Sequence[tuple[str, str]] = (("BEW", "Bewerkingen"), ("MET", "Meten")),
    max_score: int = 30,
) -> Toets:
    """A test with ``onderdelen`` (code, name), each scored 0..``max_score`` in bands I..V."""
    toets = Toets.objects.create(
        code=code, naam=naam, afkorting=code[-8:], versie="2024", vakgebied=vakgebied,
        leerjaar="5", toetshierarchie=[{"niveau": 1, "waarde": "Koppel toetsen"}],
    )  # fmt: skip
    for volgnummer, (onderdeelcode, onderdeelnaam) in enumerate(onderdelen, start=1):
        onderdeel = toets.onderdelen.create(
            volgnummer=volgnummer, code=onderdeelcode, naam=onderdeelnaam, max_score=max_score
        )
        _normen(onderdeel, max_score)
    return toets


def _normen(onderdeel: Toetsonderdeel, max_score: int) -> None:
    begin = 0
    for term, deel, kleur, (vanaf, totenmet) in BANDEN:
        eind = max_score if deel == 1.0 else max(begin, round(max_score * deel) - 1)
        onderdeel.normen.create(
            term=term, beginnormwaarde=begin, eindnormwaarde=eind, kleur=kleur,
            schoolcijfer_vanaf=Decimal(vanaf), schoolcijfer_totenmet=Decimal(totenmet),
        )  # fmt: skip
        begin = eind + 1


def koppel(klant: Klant, sleutel: str, *, schooljaar: str, lastype: str = "koppel") -> LasKoppeling:
    """An approved coupling of ``klant`` with its LAS (type Koppel LAS by default)."""
    now = timezone.now()
    return LasKoppeling.objects.create(
        klant=klant, lastype=lastype, brincode=klant.brincode,
        vestigingsnummer=klant.dependancecode, schooljaar=schooljaar,
        sleutel_versleuteld=crypto.encrypt(sleutel), sleutel_eind=crypto.eind(sleutel),
        status=GOEDGEKEURD, aangevraagd_op=now, behandeld_op=now,
    )  # fmt: skip


def maak_leerlingen(klant: Klant, keys: Iterable[tuple[str, str | None]]) -> list[Leerling]:
    """Pupils linked to the LAS: (LAS key, ECK-iD or None) each; an empty key is not linked."""
    return Leerling.objects.bulk_create(
        Leerling(
            klant=klant, leerlingnummer=key or f"HAND-{n}", las_key=key, eckid=eckid or "",
            achternaam=f"Leerling {n}", roepnaam="Kim", jaargroep="5",
        )
        for n, (key, eckid) in enumerate(keys, start=1)
    )  # fmt: skip


def _score(n: int, onderdeel: Toetsonderdeel) -> int:
    return (n * 7) % (onderdeel.max_score + 1)


def _norm(onderdeel: Toetsonderdeel, score: int, normen: dict[int, list[Norm]]) -> Norm | None:
    return next(
        (x for x in normen[onderdeel.pk] if x.beginnormwaarde <= score <= x.eindnormwaarde), None
    )


@transaction.atomic
def maak_resultaten(
    klant: Klant,
    leerlingen: Sequence[Leerling],
    toetsen: Sequence[Toets],
    *,
    now: dt.datetime | None = None,
    score: Scorer = _score,
) -> list[Resultaat]:
    """Each pupil took each test: Definitief, one result per onderdeel, all in the outbox."""
    now = now or timezone.now()
    afnames = Afname.objects.bulk_create(
        Afname(
            klant=klant, leerling=leerling, toets=toets, status=DEFINITIEF, uitgenodigd_op=now,
            afnamedatum=now.date(), definitief_op=now,
        )
        for leerling in leerlingen
        for toets in toetsen
    )  # fmt: skip
    onderdelen = {t.pk: list(t.onderdelen.all()) for t in toetsen}
    normen: dict[int, list[Norm]] = {}
    for band in Norm.objects.filter(onderdeel__toets__in=toetsen):
        normen.setdefault(band.onderdeel_id, []).append(band)
    scores, resultaten = [], []
    for n, afname in enumerate(afnames):
        for onderdeel in onderdelen[afname.toets_id]:
            waarde = score(n, onderdeel)
            norm = _norm(onderdeel, waarde, normen)
            scores.append(
                Score(afname=afname, onderdeel=onderdeel, ruwe_score=waarde, norm=norm,
                      bron=INGEVOERD, ingevoerd_op=now)
            )  # fmt: skip
            resultaten.append(
                Resultaat(klant=klant, leerling_id=afname.leerling_id, afname=afname,
                          onderdeel=onderdeel, key=outbox.nieuwe_key(), afnamedatum=now.date(),
                          ruwe_score=waarde, norm_term=norm.term if norm else "", aangemaakt_op=now)
            )  # fmt: skip
    Score.objects.bulk_create(scores)
    resultaten = Resultaat.objects.bulk_create(resultaten)
    outbox.plaats(resultaten, now=now)
    return resultaten


# --- the LAS side --------------------------------------------------------------------------------


def las_leerlingen(las: LasProcess, brincode: str) -> list[tuple[str, str | None]]:
    """(key, ECK-iD) of every pupil of the LAS school, by key."""
    code = (
        "import json\nfrom koppel.las.school.models import Leerling\n"
        f"rows = Leerling.objects.filter(school__brincode={brincode!r}).order_by('key')\n"
        "print(json.dumps(list(rows.values_list('key', 'eckid'))))"
    )
    return [(key, eckid) for key, eckid in json.loads(las.python(code))]


def las_resultaten(las: LasProcess) -> Counter[str]:
    """How many rows the LAS holds per resultaat key (every key should count 1)."""
    code = (
        "import json\nfrom koppel.las.resultaten.models import Resultaat\n"
        "print(json.dumps(list(Resultaat.objects.values_list('key', flat=True))))"
    )
    return Counter(json.loads(las.python(code)))
