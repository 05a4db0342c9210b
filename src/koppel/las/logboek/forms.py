"""The filters of Beheer → Privacy → Wijzigingslog: a GET form like that of Gegevenstoegang
(invalid filters are reported and left out)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.http import QueryDict

from koppel.common.web.exports import PeriodeFilterForm
from koppel.las.logboek.models import SOORTEN
from koppel.las.logboek.selectors import WijzigingFilter


class WijzigingFilterForm(PeriodeFilterForm):
    soort = forms.ChoiceField(label="Soort", required=False, choices=[("", "Alle"), *SOORTEN])
    medewerker = forms.ChoiceField(label="Medewerker", required=False)
    zoek = forms.CharField(label="Leerling (naam of leerlingnummer)", required=False)
    leerling = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, data: QueryDict, *, medewerkers: list[str]) -> None:
        super().__init__(data)
        field = cast(forms.ChoiceField, self.fields["medewerker"])
        field.choices = [("", "Alle medewerkers"), *((n, n) for n in medewerkers)]

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
