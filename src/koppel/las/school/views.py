"""Pages of the school's own data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koppel.las.accounts.access import school_view


@school_view()
def placeholder(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return render(request, "las/base.html")
