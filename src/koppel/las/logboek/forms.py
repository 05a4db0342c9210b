"""The filters of Beheer → Privacy → Wijzigingslog: a GET form like that of Gegevenstoegang
(invalid filters are reported and left out)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import QueryDict

from koppel.las.logboek.models import SOORTEN
from koppel.las.logboek.selectors import WijzigingFilter


def _datum(label: str) -> forms.DateField:
    widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    return forms.DateField(label=label, required=False, widget=widget)


class WijzigingFilterForm(forms.Form):
    van = _datum("Van")
    tot = _datum("Tot en met")
    soort = forms.ChoiceField(label="Soort", required=False, choices=[("", "Alle"), *SOORTEN])
    medewerker = forms.ChoiceField(label="Medewerker", required=False)
    zoek = forms.CharField(label="Leerling (naam of leerlingnummer)", required=False)
    leerling = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, data: QueryDict, *, medewerkers: list[str]) -> None:
        super().__init__(data)
        field = cast(forms.ChoiceField, self.fields["medewerker"])
        field.choices = [("", "Alle medewerkers"), *((n, n) for n in medewerkers)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", "Deze datum ligt vóór de datum bij 'Van'.")
        return cleaned

    def filters(self) -> WijzigingFilter:
        """The valid filters (an invalid one is shown as an error and not applied)."""
        self.is_valid()
        c = self.cleaned_data
        return WijzigingFilter(
            van=c.get("van"),
            tot=c.get("tot"),
            soort=c.get("soort") or None,
            door=c.get("medewerker") or None,
            zoek=(c.get("zoek") or "").strip() or None,
            leerling_id=c.get("leerling"),
        )
