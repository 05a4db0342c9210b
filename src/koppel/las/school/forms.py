"""Forms of the school pages: the pupil filter, and the beheerder's edits of pupils and teachers.

Every choice of a groep is limited to the school worked in, so another school's groep is an
invalid choice; the date rules are those of :func:`~koppel.las.school.services.datumfouten`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from koppel.las.school import pages, services
from koppel.las.school.codes import GESLACHTEN, JAARGROEPEN
from koppel.las.school.models import Groep, Leerkracht, Leerling, SamengesteldeGroep


def _groepen(school_id: int) -> QuerySet[Groep]:
    return Groep.objects.filter(school_id=school_id).order_by("jaargroep", "naam")


def _keuzes(form: forms.Form, veld: str, keuzes: list[Any]) -> None:
    cast(forms.ChoiceField, form.fields[veld]).choices = keuzes


def _beperk(form: forms.Form, veld: str, rows: QuerySet[Any]) -> None:
    """Offer only ``rows`` (the school's own groups): any other pk is an invalid choice."""
    cast("forms.ModelChoiceField[Any]", form.fields[veld]).queryset = rows


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class LeerlingFilterForm(forms.Form):
    """The GET filters of the pupil list; a groep value is ``g<pk>`` or ``s<pk>`` (samengesteld)."""

    zoek = forms.CharField(label="Zoeken", required=False, max_length=100)
    groep = forms.ChoiceField(label="Groep", required=False)
    jaargroep = forms.ChoiceField(label="Jaargroep", required=False)
    status = forms.ChoiceField(label="Inschrijving", required=False, choices=pages.STATUSSEN)

    def __init__(self, data: Any, *, zicht: pages.Zicht, rows: QuerySet[Leerling]) -> None:
        super().__init__(data)
        self.fields["zoek"].widget.attrs["placeholder"] = "Naam of leerlingnummer"
        _keuzes(
            self,
            "groep",
            [
                ("", "Alle groepen"),
                ("Groepen", [(f"g{g.pk}", g.naam) for g in pages.groepen(zicht)]),
                (
                    "Samengestelde groepen",
                    [(f"s{g.pk}", g.naam) for g in pages.samengestelde_groepen(zicht)],
                ),
            ],
        )
        _keuzes(self, "jaargroep", [("", "Alle jaargroepen"), *pages.jaargroepen(rows)])

    def filter(self) -> pages.LeerlingFilter:
        """The criteria of the valid fields (an invalid one is shown as an error and ignored)."""
        self.is_valid()
        data = self.cleaned_data
        groep = data.get("groep") or ""
        return pages.LeerlingFilter(
            zoek=data.get("zoek", ""),
            groep=int(groep[1:]) if groep.startswith("g") else None,
            samengestelde_groep=int(groep[1:]) if groep.startswith("s") else None,
            jaargroep=data.get("jaargroep", ""),
            status=data.get("status") or pages.HUIDIG,
        )


class LeerlingToevoegenForm(forms.Form):
    achternaam = forms.CharField(label="Achternaam", max_length=200)
    voorvoegsel = forms.CharField(label="Voorvoegsel", max_length=10, required=False)
    roepnaam = forms.CharField(label="Roepnaam", max_length=64)
    voorletters = forms.CharField(label="Voorletters", max_length=6, required=False)
    geboortedatum = forms.DateField(label="Geboortedatum", widget=DatumInput())
    geslacht = forms.ChoiceField(label="Geslacht", choices=GESLACHTEN, initial="0")
    jaargroep = forms.ChoiceField(label="Jaargroep", choices=[("", "---------"), *JAARGROEPEN])
    groep = forms.ModelChoiceField(
        label="Groep", queryset=Groep.objects.none(), required=False, empty_label="Geen groep"
    )
    inschrijvingsdatum = forms.DateField(label="Inschrijvingsdatum", widget=DatumInput())
    key = forms.CharField(
        label="Leerlingnummer",
        max_length=256,
        required=False,
        help_text="Leeg laten: het LAS kiest een uniek leerlingnummer.",
    )

    def __init__(self, data: Any = None, *, school_id: int, today: dt.date) -> None:
        super().__init__(data, initial={"inschrijvingsdatum": today})
        self.school_id, self.today = school_id, today
        _beperk(self, "groep", _groepen(school_id))

    def clean_key(self) -> str:
        key = str(self.cleaned_data["key"]).strip()
        if key and Leerling.objects.filter(school_id=self.school_id, key=key).exists():
            raise forms.ValidationError("Dit leerlingnummer is al in gebruik.")
        return key

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("geboortedatum"):
            fouten = services.datumfouten(
                geboortedatum=data["geboortedatum"],
                inschrijvingsdatum=data.get("inschrijvingsdatum"),
                today=self.today,
            )
            for veld, fout in fouten.items():
                self.add_error(veld, fout)
        return data

    def gegevens(self) -> services.NieuweLeerling:
        return services.NieuweLeerling(**self.cleaned_data)


class AndereGroepForm(forms.Form):
    groep = forms.ModelChoiceField(label="Groep", queryset=Groep.objects.none(), empty_label=None)
    jaargroep = forms.ChoiceField(label="Jaargroep", choices=JAARGROEPEN)

    def __init__(self, data: Any = None, *, leerling: Leerling) -> None:
        super().__init__(
            data, initial={"groep": leerling.groep_id, "jaargroep": leerling.jaargroep}
        )
        self.leerling = leerling
        _beperk(self, "groep", _groepen(leerling.school_id))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        groep, jaargroep = data.get("groep"), data.get("jaargroep")
        if groep == self.leerling.groep and jaargroep == self.leerling.jaargroep:
            raise forms.ValidationError("De leerling zit al in deze groep en jaargroep.")
        return data


class UitschrijvenForm(forms.Form):
    datum = forms.DateField(label="Uitschrijvingsdatum", widget=DatumInput())

    def __init__(self, data: Any = None, *, leerling: Leerling, today: dt.date) -> None:
        super().__init__(data, initial={"datum": today})
        self.leerling = leerling

    def clean_datum(self) -> dt.date:
        datum: dt.date = self.cleaned_data["datum"]
        if self.leerling.uitschrijvingsdatum is not None:
            raise forms.ValidationError("Deze leerling is al uitgeschreven.")
        if datum < self.leerling.inschrijvingsdatum:
            raise forms.ValidationError(
                "De uitschrijvingsdatum ligt voor de inschrijvingsdatum "
                f"({self.leerling.inschrijvingsdatum:%d-%m-%Y})."
            )
        return datum


class GroepenWijzigenForm(forms.Form):
    groepen = forms.ModelMultipleChoiceField(
        label="Groepen",
        queryset=Groep.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    samengestelde_groepen = forms.ModelMultipleChoiceField(
        label="Samengestelde groepen",
        queryset=SamengesteldeGroep.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data: Any = None, *, leerkracht: Leerkracht) -> None:
        initial = {
            "groepen": list(leerkracht.groepen.all()),
            "samengestelde_groepen": list(leerkracht.samengestelde_groepen.all()),
        }
        super().__init__(data, initial=initial)
        _beperk(self, "groepen", _groepen(leerkracht.school_id))
        samengesteld = SamengesteldeGroep.objects.filter(school_id=leerkracht.school_id)
        _beperk(self, "samengestelde_groepen", samengesteld.order_by("naam"))
