"""HTTP edge of the UWLR services: thin views that read the body with a size limit and hand it to
the framework-free :class:`~koppel.uwlr.server.UwlrService`.

``POST`` answers SOAP; ``GET ?wsdl`` the service's WSDL with this URL as address;
``GET ?xsd=<file>`` a schema the WSDL refers to (404 when unknown); anything else is 405.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseNotFound
from django.views.decorators.csrf import csrf_exempt

from koppel.common.web.body import read_limited
from koppel.las.uwlr_service import endpoints
from koppel.las.uwlr_service.operations import Toegang
from koppel.uwlr import schemas
from koppel.uwlr.codec import encode
from koppel.uwlr.faults import OngeldigBericht
from koppel.uwlr.server import CONTENT_TYPE, UwlrService

XML = "text/xml; charset=utf-8"


def _too_large() -> HttpResponse:
    fault = OngeldigBericht("Het bericht is groter dan toegestaan").to_message()
    return HttpResponse(encode(fault), status=500, content_type=CONTENT_TYPE)


def _post(request: HttpRequest, service: UwlrService[Toegang]) -> HttpResponse:
    body = read_limited(request, settings.UWLR_MAX_REQUEST_BYTES)
    if body is None:
        return _too_large()
    antwoord = service.handle(
        body,
        soapaction=request.headers.get("SOAPAction"),
        remote_addr=request.META.get("REMOTE_ADDR"),
    )
    return HttpResponse(antwoord.body, status=antwoord.status, content_type=antwoord.content_type)


def _get(request: HttpRequest, naam: schemas.ServiceName) -> HttpResponse:
    if "wsdl" in request.GET:
        location = request.build_absolute_uri(request.path)
        return HttpResponse(schemas.wsdl(naam, location), content_type=XML)
    if "xsd" in request.GET:
        try:
            return HttpResponse(schemas.served_document(request.GET["xsd"]), content_type=XML)
        except schemas.UnknownDocument:
            return HttpResponseNotFound(
                "Onbekend document", content_type="text/plain; charset=utf-8"
            )
    return HttpResponseNotAllowed(["POST"])


def _endpoint(
    naam: schemas.ServiceName, service: Callable[[], UwlrService[Toegang]]
) -> Callable[[HttpRequest], HttpResponse]:
    @csrf_exempt
    def view(request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            return _post(request, service())
        if request.method in ("GET", "HEAD"):
            return _get(request, naam)
        return HttpResponseNotAllowed(["GET", "POST"])

    view.__name__ = naam
    return view


leerlinggegevens = _endpoint("leerlinggegevens", endpoints.leerlinggegevens)
leerresultaten = _endpoint("leerresultaten", endpoints.leerresultaten)
