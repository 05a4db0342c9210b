"""Log-in pages and the beheerder's own two-step verification."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koppel.las.accounts.access import school_view


@school_view(beheerder=True)
def twee_staps(request: HttpRequest) -> HttpResponse:
    return render(request, "las/base.html")
