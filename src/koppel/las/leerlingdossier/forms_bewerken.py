"""Forms of the administration's edits of the pupil file: a verzorger (new or changed), linking an
existing verzorger, the uitstroom, an LGF/arrangement and its end, and a new method test.

Each form turns its cleaned data into the plain values of a service (``velden()``); the date rules
are the pure ones of :mod:`~.regels`, so a form and its service refuse the same things.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from koppel.las.leerlingdossier import regels
from koppel.las.leerlingdossier.codes import (
    ARRANGEMENTSOORTEN,
    BESTEMMINGEN,
    RELATIES,
    SCHOOLADVIEZEN,
    VAKGEBIEDEN,
)
from koppel.las.leerlingdossier.models import Arrangement, LeerlingVerzorger, Verzorger
from koppel.las.leerlingdossier.models.personen import postcode_validator
from koppel.las.leerlingdossier.services_loopbaan import ArrangementVelden, UitstroomVelden
from koppel.las.leerlingdossier.services_verzorgers import (
    AdresVelden,
    RelatieVelden,
    VerzorgerVelden,
)
from koppel.las.school.forms import DatumInput

GEHEIM = "Alleen voor medewerkers van de school; wordt niet aan koppelpartijen doorgegeven."
ADRESVELDEN = ("straat", "huisnummer", "postcode", "plaats", "gemeente")
NODIG_VOOR_ADRES = ("straat", "huisnummer", "plaats")


class PostcodeField(forms.CharField):
    """A Dutch postcode written as ``1234 AB``, whatever the spacing and case typed."""

    def to_python(self, value: Any) -> str:
        tekst = "".join(str(super().to_python(value)).split()).upper()
        return f"{tekst[:4]} {tekst[4:]}" if len(tekst) == 6 else tekst


def _tekst(label: str, max_length: int, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


class _RelatieForm(forms.Form):
    relatie = forms.ChoiceField(label="Relatie tot de leerling", choices=RELATIES)
    wettelijk_gezag = forms.BooleanField(label="Wettelijk gezag", required=False, initial=True)

    def relatie_velden(self) -> RelatieVelden:
        data = self.cleaned_data
        return RelatieVelden(relatie=data["relatie"], wettelijk_gezag=data["wettelijk_gezag"])


class VerzorgerForm(_RelatieForm):
    """A verzorger's names, contact data and address (all address fields empty: no address)."""

    achternaam = forms.CharField(label="Achternaam", max_length=200)
    voorvoegsel = _tekst("Voorvoegsel", 10)
    voorletters = _tekst("Voorletters", 6)
    roepnaam = _tekst("Roepnaam", 64)
    emailadres = forms.EmailField(label="E-mailadres", max_length=256, required=False)
    telefoon = _tekst("Telefoon", 20)
    telefoon_geheim = forms.BooleanField(
        label="Telefoonnummer geheim", required=False, help_text=GEHEIM
    )
    straat = _tekst("Straat", 200)
    huisnummer = _tekst("Huisnummer", 16)
    postcode = PostcodeField(
        label="Postcode", max_length=7, required=False, validators=[postcode_validator]
    )
    plaats = _tekst("Plaats", 100)
    gemeente = _tekst("Gemeente", 100)
    adres_geheim = forms.BooleanField(label="Adres geheim", required=False, help_text=GEHEIM)
    field_order = ["achternaam", "voorvoegsel", "voorletters", "roepnaam", "relatie"]

    @classmethod
    def van(cls, relatie: LeerlingVerzorger, data: Any = None) -> VerzorgerForm:
        """The form filled with the verzorger's current data and its relation to the pupil."""
        v = relatie.verzorger
        initial = {f: getattr(v, f) for f in VerzorgerVelden.__dataclass_fields__ if f != "adres"}
        if v.adres is not None:
            initial |= {f: getattr(v.adres, f) for f in ADRESVELDEN}
            initial["adres_geheim"] = v.adres.geheim
        initial |= {"relatie": relatie.relatie, "wettelijk_gezag": relatie.wettelijk_gezag}
        return cls(data, initial=initial)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if any(data.get(f) for f in ADRESVELDEN):
            for veld in NODIG_VOOR_ADRES:
                if not data.get(veld) and veld not in self.errors:
                    self.add_error(veld, "Vul dit veld in voor een volledig adres.")
        return data

    def velden(self) -> VerzorgerVelden:
        data = self.cleaned_data
        persoon = {f: data[f] for f in VerzorgerVelden.__dataclass_fields__ if f != "adres"}
        return VerzorgerVelden(**persoon, adres=self._adres())

    def _adres(self) -> AdresVelden | None:
        data = self.cleaned_data
        if not data["straat"]:
            return None
        return AdresVelden(**{f: data[f] for f in ADRESVELDEN}, geheim=data["adres_geheim"])


class _VerzorgerKeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Verzorger) -> str:
        kinderen = ", ".join(str(ll) for ll in obj.leerlingen.all())
        return f"{obj}, verzorger van {kinderen}" if kinderen else str(obj)


class KoppelenForm(_RelatieForm):
    """Choose one of ``keuzes`` (the school's verzorgers found by name, not yet linked)."""

    verzorger = _VerzorgerKeuze(
        label="Verzorger", queryset=Verzorger.objects.none(), widget=forms.RadioSelect
    )
    field_order = ["verzorger", "relatie", "wettelijk_gezag"]

    def __init__(self, data: Any = None, *, keuzes: QuerySet[Verzorger]) -> None:
        super().__init__(data)
        veld = cast("forms.ModelChoiceField[Verzorger]", self.fields["verzorger"])
        veld.queryset = keuzes


class UitstroomForm(forms.Form):
    datum = forms.DateField(label="Uitstroomdatum", widget=DatumInput())
    bestemming = forms.ChoiceField(label="Bestemming", choices=BESTEMMINGEN)
    schooladvies = forms.ChoiceField(label="Schooladvies", choices=SCHOOLADVIEZEN, required=False)
    school_van_bestemming = _tekst("School van bestemming", 200)

    def __init__(self, data: Any = None, *, inschrijvingsdatum: dt.date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.inschrijvingsdatum = inschrijvingsdatum

    def clean_datum(self) -> dt.date:
        datum: dt.date = self.cleaned_data["datum"]
        fout = regels.uitstroom_fout(datum, inschrijvingsdatum=self.inschrijvingsdatum)
        if fout:
            raise forms.ValidationError(fout)
        return datum

    def velden(self) -> UitstroomVelden:
        return UitstroomVelden(**self.cleaned_data)


class ArrangementForm(forms.Form):
    soort = forms.ChoiceField(label="Soort", choices=ARRANGEMENTSOORTEN)
    begindatum = forms.DateField(label="Begindatum", widget=DatumInput())
    einddatum = forms.DateField(label="Einddatum", widget=DatumInput(), required=False)
    omschrijving = _tekst("Omschrijving", 500, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("begindatum"):
            fout = regels.arrangement_fout(data["begindatum"], data.get("einddatum"))
            if fout:
                self.add_error("einddatum", fout)
        return data

    def velden(self) -> ArrangementVelden:
        return ArrangementVelden(**self.cleaned_data)


class EinddatumForm(forms.Form):
    einddatum = forms.DateField(label="Einddatum", widget=DatumInput())

    def __init__(self, data: Any = None, *, arrangement: Arrangement, today: dt.date) -> None:
        super().__init__(data, initial={"einddatum": arrangement.einddatum or today})
        self.begindatum = arrangement.begindatum

    def clean_einddatum(self) -> dt.date:
        einddatum: dt.date = self.cleaned_data["einddatum"]
        fout = regels.arrangement_fout(self.begindatum, einddatum)
        if fout:
            raise forms.ValidationError(fout)
        return einddatum


class MethodetoetsForm(forms.Form):
    methode = forms.CharField(label="Methode", max_length=100)
    naam = forms.CharField(label="Naam van de toets", max_length=200)
    vakgebied = forms.ChoiceField(label="Vakgebied", choices=VAKGEBIEDEN)
    maximumscore = forms.IntegerField(label="Maximumscore")

    def clean_maximumscore(self) -> int:
        maximumscore: int = self.cleaned_data["maximumscore"]
        fout = regels.maximumscore_fout(maximumscore)
        if fout:
            raise forms.ValidationError(fout)
        return maximumscore
