"""Forms of the teacher's records: an absence of a pupil of the group, and a method-test score.

The pupils offered are the group's (on the chosen day) and the tests the school's, so any other
pk is an invalid choice; the rules are the pure ones of :mod:`~.regels`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from koppel.las.leerlingdossier import pages, regels
from koppel.las.leerlingdossier.codes import ABSENTIESOORTEN, DAGDELEN
from koppel.las.leerlingdossier.models import Methodetoets
from koppel.las.school.forms import DatumInput
from koppel.las.school.models import Groep, Leerling


def _leerling_veld() -> forms.ModelChoiceField[Leerling]:
    return forms.ModelChoiceField(label="Leerling", queryset=Leerling.objects.none())


class _GroepForm(forms.Form):
    """Offers the pupils of ``groep`` enrolled on ``datum``."""

    def __init__(self, data: Any, *, groep: Groep, datum: dt.date, today: dt.date) -> None:
        super().__init__(data, initial={"datum": datum})
        self.today = today
        veld = cast("forms.ModelChoiceField[Leerling]", self.fields["leerling"])
        veld.queryset = pages.leden_op(groep, datum)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        leerling, datum = data.get("leerling"), data.get("datum")
        if leerling is not None and datum is not None:
            fout = regels.datum_fout(
                datum,
                inschrijvingsdatum=leerling.inschrijvingsdatum,
                uitschrijvingsdatum=leerling.uitschrijvingsdatum,
                today=self.today,
            )
            if fout:
                self.add_error("datum", fout)
        return data


class AbsentieForm(_GroepForm):
    leerling = _leerling_veld()
    datum = forms.DateField(label="Datum", widget=DatumInput())
    dagdeel = forms.ChoiceField(label="Dagdeel", choices=DAGDELEN, initial="dag")
    soort = forms.ChoiceField(label="Soort absentie", choices=ABSENTIESOORTEN)
    opmerking = forms.CharField(label="Opmerking", max_length=200, required=False)


class _ToetsKeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Methodetoets) -> str:
        return f"{obj} (max. {obj.maximumscore})"


class ToetsscoreForm(_GroepForm):
    leerling = _leerling_veld()
    toets = _ToetsKeuze(label="Methodetoets", queryset=Methodetoets.objects.none())
    datum = forms.DateField(label="Afnamedatum", widget=DatumInput())
    ruwe_score = forms.CharField(
        label="Ruwe score",
        max_length=10,
        help_text="Het aantal punten zoals behaald, bijvoorbeeld 17 of 7,5.",
    )

    def __init__(self, data: Any, *, groep: Groep, datum: dt.date, today: dt.date) -> None:
        super().__init__(data, groep=groep, datum=datum, today=today)
        veld = cast("forms.ModelChoiceField[Methodetoets]", self.fields["toets"])
        veld.queryset = Methodetoets.objects.filter(school_id=groep.school_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        toets, score = data.get("toets"), data.get("ruwe_score")
        if toets is not None and score:
            fout = regels.ruwe_score_fout(score.strip(), maximumscore=toets.maximumscore)
            if fout:
                self.add_error("ruwe_score", fout)
        return data
