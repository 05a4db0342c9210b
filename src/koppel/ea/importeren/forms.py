"""Forms of the import review (one per row action), the search of "Koppel met bestaande ...",
and the invitation page's password form ("Account aanmaken")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm


class RijForm(forms.Form):
    """Names a row of the plan: ``Niet importeren`` and ``Terugzetten``."""

    las_key = forms.CharField(max_length=256)


class KoppelForm(RijForm):
    """The existing record chosen at "Koppel met bestaande ..."."""

    bestaand_id = forms.IntegerField(min_value=1)


class EmailadresForm(RijForm):
    """The e-mail address a teacher is invited at (empty: none yet)."""

    emailadres = forms.EmailField(
        label="E-mailadres",
        required=False,
        max_length=254,
        error_messages={"invalid": "Vul een geldig e-mailadres in, zoals naam@school.nl."},
    )


class ZoekForm(forms.Form):
    """The search for an existing record (GET)."""

    las_key = forms.CharField(max_length=256, widget=forms.HiddenInput)
    zoek = forms.CharField(label="Zoeken op naam", required=False, max_length=100)


class AccountAanmakenForm(SetPasswordForm):
    """Django's SetPasswordForm with the invitation page's Dutch labels."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Wachtwoord"
        self.fields["new_password2"].label = "Herhaal wachtwoord"
