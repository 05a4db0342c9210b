"""What the pupil-file edit pages share: the pupil looked up in the school worked in (404 for
another school's), running one service for a valid POSTed form with the Dutch success message
(a domain error becomes a form error), and the confirmation page before a deletion.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from koppel.las.errors import LasError
from koppel.las.school.models import Leerling


def eigen_leerling(request: HttpRequest, pk: int) -> Leerling:
    school = request.schoolrol.school  # type: ignore[attr-defined]
    return get_object_or_404(Leerling.objects.select_related("school"), school=school, pk=pk)


def naar_leerling(leerling: Leerling) -> HttpResponse:
    return redirect("school:leerling", leerling.pk)


def uitgevoerd(request: HttpRequest, form: forms.Form, actie: Callable[[], str]) -> bool:
    """Run ``actie`` (one service; returns the success message) when the POSTed form is valid.

    False when the page must be shown (again): not posted, invalid, or refused by the service.
    """
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        melding = actie()
    except LasError as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, melding)
    return True


def bevestigen(
    request: HttpRequest, leerling: Leerling, *, titel: str, vraag: str, knop: str
) -> HttpResponse:
    """The page asking to confirm a deletion; its form POSTs back to the same address."""
    context = {"leerling": leerling, "titel": titel, "vraag": vraag, "knop": knop}
    return render(request, "leerlingdossier/bevestigen.html", context)
