"""Forms of the "Resultaten naar LAS" pages: the state filter and the choice of failed results
to send again (one row's button, or the ticked rows)."""

from __future__ import annotations

from typing import Any

from django import forms

from koppel.ea.resultaten.models import STATUSSEN

GEEN_KEUZE = "Kies eerst de resultaten die je opnieuw wilt versturen."
ALLE = [("", "Alle"), *STATUSSEN]


class FilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ALLE, required=False)

    def gekozen_status(self) -> str | None:
        """The chosen state, ``None`` for all (or an invalid choice)."""
        return (self.cleaned_data.get("status") or None) if self.is_valid() else None


class IdsField(forms.Field):
    """Every value of a repeated field, as integers (ticked checkboxes)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError):
            raise forms.ValidationError("Ongeldige keuze.") from None


class OpnieuwForm(forms.Form):
    """``een``: the pk of the row whose button was pressed; else the ticked ``geselecteerd``.

    Any pk may come in: the service only takes failed entries the user may see.
    """

    een = forms.IntegerField(required=False, min_value=1)
    geselecteerd = IdsField(required=False)
    status = forms.ChoiceField(choices=ALLE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("een") and not data.get("geselecteerd"):
            raise forms.ValidationError(GEEN_KEUZE)
        return data

    def ids(self) -> list[int]:
        een = self.cleaned_data.get("een")
        return [een] if een else list(self.cleaned_data["geselecteerd"])
