"""A GKV client written the way public identity-management connectors call ParnasSys's GKV.

The request is a raw XML string (the supplier name with ``&`` escaped), posted with the
SOAPAction quoted; the answer is read by element names only. It knows nothing of the LAS's code,
so it checks that the documented wire format is what the server speaks.
"""

from __future__ import annotations

from typing import cast

from lxml import etree

NS = "http://www.topicus.nl/parnassys"
PAD = "/bao/services/cxf/v3/generic"

_VERZOEK = """<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:par="{ns}">
  <soapenv:Header/>
  <soapenv:Body>
    <par:{operatie}>
      <leveranciernaam>{naam}</leveranciernaam>
      <leveranciersleutel>{sleutel}</leveranciersleutel>
      <brinnummer>{brin}</brinnummer>
      <schooljaar>{schooljaar}</schooljaar>
    </par:{operatie}>
  </soapenv:Body>
</soapenv:Envelope>"""


def verzoek(
    operatie: str, *, naam: str, sleutel: str, brin: str, schooljaar: str = "2026 / 2027"
) -> bytes:
    body = _VERZOEK.format(
        ns=NS,
        operatie=operatie,
        naam=naam.replace("&", "&amp;"),
        sleutel=sleutel,
        brin=brin,
        schooljaar=schooljaar,
    )
    return body.encode()


def headers(operatie: str) -> dict[str, str]:
    return {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{operatie}"'}


def _root(content: bytes) -> etree._Element:
    return etree.fromstring(content)


def items(content: bytes, lijst: str, item: str) -> list[dict[str, str]]:
    """The items ``return/<lijst>/<item>`` as {child name: text} (nested lists left out)."""
    pad = f"//*[local-name()='return']/*[local-name()='{lijst}']/*[local-name()='{item}']"
    gevonden = cast(list[etree._Element], _root(content).xpath(pad))
    return [
        {etree.QName(c).localname: c.text or "" for c in element if len(c) == 0}
        for element in gevonden
    ]


def fault(content: bytes) -> tuple[str, str] | None:
    """(faultcode without prefix, faultstring) of a SOAP fault, else ``None``."""
    codes = cast(list[str], _root(content).xpath("//*[local-name()='Fault']/faultcode/text()"))
    if not codes:
        return None
    strings = cast(list[str], _root(content).xpath("//*[local-name()='Fault']/faultstring/text()"))
    return str(codes[0]).rpartition(":")[2], str(strings[0]) if strings else ""
