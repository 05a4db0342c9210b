"""Forms of the log-in pages: password, verification code and changing the own password."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm


class InlogForm(AuthenticationForm):
    """Django's log-in form (it passes the request to ``authenticate`` for django-axes)."""

    error_messages = {
        "invalid_login": "Onjuiste gebruikersnaam of wachtwoord.",
        "inactive": "Onjuiste gebruikersnaam of wachtwoord.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"
        self.fields["username"].error_messages["required"] = "Vul je gebruikersnaam in."
        self.fields["password"].error_messages["required"] = "Vul je wachtwoord in."


class VerificatiecodeForm(forms.Form):
    """The six digits of an authenticator app; spaces (``123 456``) are allowed."""

    code = forms.CharField(
        label="Verificatiecode",
        max_length=16,
        error_messages={"required": "Vul de verificatiecode in."},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "size": 8,
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError("De verificatiecode bestaat uit 6 cijfers.")
        return code


class WachtwoordForm(PasswordChangeForm):
    """Django's password change (with the validators of the settings), labelled in Dutch."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Het huidige wachtwoord is onjuist.",
        "password_mismatch": "De twee nieuwe wachtwoorden zijn niet gelijk.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Huidig wachtwoord"
        self.fields["new_password1"].label = "Nieuw wachtwoord"
        self.fields["new_password2"].label = "Herhaal het nieuwe wachtwoord"
