"""HTTP edge of the GKV: ``POST`` answers SOAP (body size limited, then :mod:`.service`);
``GET ?wsdl`` the WSDL with this URL as address; ``GET ?xsd=gkv.xsd`` its schema; else 405."""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseNotFound
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from koppel.common.web.body import read_limited
from koppel.las.gkv import schemas, service, wire
from koppel.las.gkv.faults import OngeldigBericht
from koppel.las.gkv.rechten import Kantooruren, parse_kantooruren

XML = "text/xml; charset=utf-8"


@functools.cache
def _kantooruren(tekst: str) -> Kantooruren:
    return parse_kantooruren(tekst)


def _post(request: HttpRequest) -> HttpResponse:
    limit = settings.UWLR_MAX_REQUEST_BYTES
    body = read_limited(request, limit)
    if body is None:
        fault = OngeldigBericht("Het bericht is groter dan toegestaan")
        return HttpResponse(wire.fault_bytes(fault), status=500, content_type=XML)
    antwoord = service.beantwoord(
        service.Aanroep(
            body=body,
            soapaction=request.headers.get("SOAPAction"),
            remote_addr=request.META.get("REMOTE_ADDR"),
            now=timezone.now(),
            kantooruren=_kantooruren(settings.KANTOORUREN),
            max_bytes=limit,
        )
    )
    return HttpResponse(antwoord.body, status=antwoord.status, content_type=XML)


def _get(request: HttpRequest) -> HttpResponse:
    if "wsdl" in request.GET:
        location = request.build_absolute_uri(request.path)
        return HttpResponse(schemas.wsdl(location), content_type=XML)
    if "xsd" in request.GET:
        try:
            return HttpResponse(schemas.document(request.GET["xsd"]), content_type=XML)
        except KeyError:
            return HttpResponseNotFound(
                "Onbekend document", content_type="text/plain; charset=utf-8"
            )
    return HttpResponseNotAllowed(["POST"])


@csrf_exempt
def generic(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _post(request)
    if request.method in ("GET", "HEAD"):
        return _get(request)
    return HttpResponseNotAllowed(["GET", "POST"])
