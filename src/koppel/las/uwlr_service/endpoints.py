"""The two UWLR services of this LAS, built once per process from the settings."""

from __future__ import annotations

import functools

from django.conf import settings

from koppel.las.uwlr_service.operations import Toegang
from koppel.las.uwlr_service.provider import LasProvider
from koppel.uwlr.server import LEERLINGGEGEVENS_OPERATIES, LEERRESULTATEN_OPERATIES, UwlrService


@functools.cache
def leerlinggegevens() -> UwlrService[Toegang]:
    """HaalLeerlinggegevens and the three getrapt operations."""
    return UwlrService(
        LasProvider(),
        operaties=LEERLINGGEGEVENS_OPERATIES,
        max_bytes=settings.UWLR_MAX_REQUEST_BYTES,
    )


@functools.cache
def leerresultaten() -> UwlrService[Toegang]:
    """BrengLeerresultaten."""
    return UwlrService(
        LasProvider(), operaties=LEERRESULTATEN_OPERATIES, max_bytes=settings.UWLR_MAX_REQUEST_BYTES
    )
