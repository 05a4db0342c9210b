"""The rules the UWLR schemas declare but an XSD 1.0 validator cannot (or does not) enforce.

The leerlinggegevens schema's identity constraints use unprefixed XPaths and are therefore inert:
unique ``@key`` per groepen (groep and samengestelde_groep together), leerlingen, leerkrachten and
vestigingen, unique ``@eckid`` among leerlingen and among leerkrachten, and references from pupils
and teachers to defined groups and vestigingen. EDEXML's choices between national ids and between
postcodes allow one value at most; UWLR 2.3 allows a pupil without ``@key`` when it has an
``@eckid``. For results: unique ``resultaat/@key`` and ``toetscode``, defined toetscodes, unique
``toetsonderdeelvolgnummer`` per toets and defined ``toetsonderdeelcode``.

:func:`problems` yields Dutch descriptions, lazily, so that strict decoding stops at the first one.
Details name keys (the LAS's own identifiers) but never an ECK-iD or other personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from koppel.uwlr import messages as m

__all__ = ["problems"]


def problems(body: m.Body, *, validated: bool = False) -> Iterator[str]:
    """Everything wrong with a decoded body that its schema let through.

    ``validated`` says the body passed the schema, whose ``xs:choice`` already allows only one
    national id and one postcode per pupil; those rules are then skipped.
    """
    inhoud = getattr(body, "inhoud", None)
    if isinstance(inhoud, m.Leerlinggegevens):
        yield from _leerlinggegevens(
            inhoud.school,
            inhoud.vestigingen,
            inhoud.groepen,
            inhoud.leerlingen,
            inhoud.leerkrachten,
        )
        if not validated:
            yield from _keuzes(inhoud.leerlingen)
    elif isinstance(inhoud, m.LeerlinggegevensStructuur):
        yield from _leerlinggegevens(inhoud.school, inhoud.vestigingen, inhoud.groepen, (), ())
    elif isinstance(inhoud, m.LeerlinggegevensLeerlingen):
        yield from _leerlinggegevens(inhoud.school, (), (), inhoud.leerlingen, ())
        if not validated:
            yield from _keuzes(inhoud.leerlingen)
    elif isinstance(inhoud, m.LeerlinggegevensLeerkrachten):
        yield from _leerlinggegevens(inhoud.school, (), (), (), inhoud.leerkrachten)
    elif isinstance(body, m.LeerresultatenVerzoek):
        yield from _leerresultaten(body)


def _duplicates(values: Iterable[str | None]) -> Iterator[str]:
    present = [value for value in values if value is not None]
    if len(set(present)) == len(present):  # the usual case, decided in C
        return
    seen: set[str] = set()
    for value in present:
        if value in seen:
            yield value
        seen.add(value)


def _unique_keys(values: Iterable[str | None], where: str) -> Iterator[str]:
    for key in _duplicates(values):
        yield f"De key '{key}' komt meer dan eens voor in '{where}'"


def _leerlinggegevens(
    school: m.School,
    vestigingen: Sequence[m.Vestiging],
    groepen: Sequence[m.Groep | m.SamengesteldeGroep],
    leerlingen: Sequence[m.Leerling],
    leerkrachten: Sequence[m.Leerkracht],
) -> Iterator[str]:
    yield from _unique_keys((groep.key for groep in groepen), "groepen")
    yield from _unique_keys((vestiging.key for vestiging in vestigingen), "vestigingen")
    yield from _unique_keys((leerling.key for leerling in leerlingen), "leerlingen")
    yield from _unique_keys((leerkracht.key for leerkracht in leerkrachten), "leerkrachten")
    if next(_duplicates(leerling.eckid for leerling in leerlingen), None) is not None:
        yield "Een eckid komt meer dan eens voor in 'leerlingen'"
    if next(_duplicates(leerkracht.eckid for leerkracht in leerkrachten), None) is not None:
        yield "Een eckid komt meer dan eens voor in 'leerkrachten'"
    yield from _leerlingen(leerlingen, xsdversie_2_3=_at_least_2_3(school.xsdversie))
    # A getrapt answer carries pupils or teachers without their groups: only check references
    # against what this message defines.
    if groepen:
        yield from _groep_references(groepen, leerlingen, leerkrachten)
    if vestigingen:
        defined = {vestiging.key for vestiging in vestigingen}
        for nummer, leerling in enumerate(leerlingen, start=1):
            if leerling.vestiging is not None and leerling.vestiging not in defined:
                yield (
                    f"{_naam(leerling, nummer)} verwijst naar een onbekende vestiging "
                    f"'{leerling.vestiging}'"
                )


def _leerlingen(leerlingen: Sequence[m.Leerling], *, xsdversie_2_3: bool) -> Iterator[str]:
    for nummer, leerling in enumerate(leerlingen, start=1):
        if leerling.key is None and not (xsdversie_2_3 and leerling.eckid):
            yield (
                f"Leerling nr. {nummer} heeft geen key; dat mag alleen bij xsdversie 2.3 "
                "en met een eckid"
            )


def _keuzes(leerlingen: Sequence[m.Leerling]) -> Iterator[str]:
    """EDEXML's choices: one national id and one postcode per pupil at most."""
    for nummer, leerling in enumerate(leerlingen, start=1):
        nationale_ids = (
            leerling.sofinummer,
            leerling.bsn,
            leerling.onderwijsnummer,
            leerling.bsn_ondwnr_4,
            leerling.rijksregisternummer,
        )
        if nationale_ids.count(None) < 4:
            yield f"{_naam(leerling, nummer)} heeft meer dan één nationaal identificatienummer"
        if (leerling.postcodenl, leerling.postnummerbe, leerling.postcodeoverig).count(None) < 2:
            yield f"{_naam(leerling, nummer)} heeft meer dan één postcode"


def _groep_references(
    groepen: Sequence[m.Groep | m.SamengesteldeGroep],
    leerlingen: Sequence[m.Leerling],
    leerkrachten: Sequence[m.Leerkracht],
) -> Iterator[str]:
    stamgroepen = {groep.key for groep in groepen if isinstance(groep, m.Groep)}
    samengesteld = {groep.key for groep in groepen if isinstance(groep, m.SamengesteldeGroep)}
    for nummer, leerling in enumerate(leerlingen, start=1):
        if leerling.groep is not None and leerling.groep not in stamgroepen:
            yield f"{_naam(leerling, nummer)} verwijst naar een onbekende groep '{leerling.groep}'"
        for key in leerling.samengestelde_groepen:
            if key not in samengesteld:
                yield (
                    f"{_naam(leerling, nummer)} verwijst naar een onbekende samengestelde groep "
                    f"'{key}'"
                )
    for leerkracht in leerkrachten:
        for ref in leerkracht.groepen:
            known = stamgroepen if isinstance(ref, m.GroepReferentie) else samengesteld
            if ref.key not in known:
                yield f"Leerkracht '{leerkracht.key}' verwijst naar een onbekende groep '{ref.key}'"


def _naam(leerling: m.Leerling, nummer: int) -> str:
    return f"Leerling '{leerling.key}'" if leerling.key else f"Leerling nr. {nummer}"


def _at_least_2_3(xsdversie: str | None) -> bool:
    try:
        return tuple(int(part) for part in (xsdversie or "").split(".")[:2]) >= (2, 3)
    except ValueError:
        return False


def _leerresultaten(verzoek: m.LeerresultatenVerzoek) -> Iterator[str]:
    codes = [toets.toetscode.waarde for toets in verzoek.toetsen]
    for code in _duplicates(codes):
        yield f"De toetscode '{code}' komt meer dan eens voor in 'toetsen'"
    onderdelen: dict[str, set[str]] = {}
    for toets in verzoek.toetsen:
        for nummer in _duplicates(str(o.toetsonderdeelvolgnummer) for o in toets.toetsonderdelen):
            yield (
                f"Toets '{toets.toetscode.waarde}' heeft toetsonderdeelvolgnummer {nummer} "
                "meer dan eens"
            )
        onderdelen.setdefault(toets.toetscode.waarde, set()).update(
            onderdeel.toetsonderdeelcode.waarde for onderdeel in toets.toetsonderdelen
        )
    resultaten = [r for afname in verzoek.toetsafnames for r in afname.resultaten]
    yield from _unique_keys((resultaat.key for resultaat in resultaten), "resultaten")
    for resultaat in resultaten:
        if resultaat.toetscode not in onderdelen:
            yield (
                f"Resultaat '{resultaat.key}' verwijst naar een onbekende toetscode "
                f"'{resultaat.toetscode}'"
            )
        elif (
            resultaat.toetsonderdeelcode is not None
            and resultaat.toetsonderdeelcode not in onderdelen[resultaat.toetscode]
        ):
            yield (
                f"Resultaat '{resultaat.key}' verwijst naar een onbekende toetsonderdeelcode "
                f"'{resultaat.toetsonderdeelcode}'"
            )
