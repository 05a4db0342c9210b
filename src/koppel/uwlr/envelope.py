"""The SOAP 1.1 envelope of UWLR messages: namespaces, the ``aut:autorisatie`` header and faults.

UWLR uses SOAP 1.1 document/literal (WSDL binding ``http://schemas.xmlsoap.org/soap/http``). Every
request carries the header block ``aut:autorisatie``; answers have no header. Errors are SOAP 1.1
faults whose ``faultcode`` is a UWLR code such as ``Client.AutorisatieOngeldig``, emitted with the
``soapenv:`` prefix and read by its local part only (some LASes send it unprefixed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from lxml import etree

from koppel.uwlr.faults import AutorisatieOngeldig, OngeldigBericht
from koppel.uwlr.messages import Autorisatie, Fault

__all__ = [
    "AUT_NS",
    "BODY",
    "ENVELOPE",
    "FAULT",
    "HEADER",
    "LG_NS",
    "LR_NS",
    "OSO_NS",
    "SOAP_ENV_NS",
    "XSI_NS",
    "new_envelope",
    "read_autorisatie",
    "read_fault",
    "split",
    "to_bytes",
    "write_fault",
]

SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV_NS = "http://www.w3.org/2003/05/soap-envelope"
AUT_NS = "http://www.edustandaard.nl/leerresultaten/2/autorisatie"
LG_NS = "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"
LR_NS = "http://www.edustandaard.nl/leerresultaten/2/leerresultaten"
OSO_NS = "http://www.edustandaard.nl/oso_gegevensset/1.2/dossier"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

ENVELOPE = f"{{{SOAP_ENV_NS}}}Envelope"
HEADER = f"{{{SOAP_ENV_NS}}}Header"
BODY = f"{{{SOAP_ENV_NS}}}Body"
FAULT = f"{{{SOAP_ENV_NS}}}Fault"
AUTORISATIE = f"{{{AUT_NS}}}autorisatie"
_AUT_FIELDS = ("autorisatiesleutel", "klantcode", "klantnaam")

#: Reports a tolerated deviation; raises ``OngeldigBericht`` in strict mode.
Tolerate = Callable[[str], None]


def _local(tag: object) -> str | None:
    return tag.rpartition("}")[2] if isinstance(tag, str) else None


def _elements(parent: etree._Element) -> list[etree._Element]:
    """The element children, without comments (SOAP allows comments anywhere)."""
    return [child for child in parent if isinstance(child.tag, str)]


# --- building -------------------------------------------------------------------------------------


def new_envelope(
    namespaces: Mapping[str, str], *, autorisatie: Autorisatie | None = None
) -> tuple[etree._Element, etree._Element]:
    """An envelope declaring ``soapenv`` and ``namespaces`` once, at the root; and its Body.

    Children created below the Body with ``SubElement`` reuse these prefixes.
    """
    nsmap: dict[str, str] = {"soapenv": SOAP_ENV_NS, **namespaces}
    if autorisatie is not None:
        nsmap["aut"] = AUT_NS
    envelope = etree.Element(ENVELOPE, nsmap=nsmap)
    if autorisatie is not None:
        header = etree.SubElement(envelope, HEADER)
        block = etree.SubElement(header, AUTORISATIE)
        for name in _AUT_FIELDS:
            etree.SubElement(block, f"{{{AUT_NS}}}{name}").text = getattr(autorisatie, name)
    return envelope, etree.SubElement(envelope, BODY)


def to_bytes(envelope: etree._Element) -> bytes:
    """UTF-8 with an XML declaration."""
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def write_fault(body: etree._Element, fault: Fault) -> None:
    """``soapenv:Fault``: ``faultcode`` ``soapenv:<code>``, ``faultstring``, ``detail/melding``."""
    element = etree.SubElement(body, FAULT)
    etree.SubElement(element, "faultcode").text = f"soapenv:{fault.faultcode}"
    etree.SubElement(element, "faultstring").text = fault.faultstring
    if fault.detail:
        etree.SubElement(etree.SubElement(element, "detail"), "melding").text = fault.detail


# --- reading --------------------------------------------------------------------------------------


def split(
    root: etree._Element, *, tolerate: Tolerate
) -> tuple[etree._Element | None, etree._Element]:
    """The ``aut:autorisatie`` header block (or None) and the single Body child of an envelope."""
    if root.tag != ENVELOPE:
        if root.tag == f"{{{SOAP12_ENV_NS}}}Envelope":
            raise OngeldigBericht("SOAP 1.2 wordt niet ondersteund; UWLR gebruikt SOAP 1.1")
        raise OngeldigBericht("Het bericht is geen SOAP 1.1-envelope")
    headers: list[etree._Element] = []
    bodies: list[etree._Element] = []
    for child in _elements(root):
        if child.tag == HEADER and not bodies:
            headers.append(child)
        elif child.tag == BODY:
            bodies.append(child)
        elif not bodies:
            raise OngeldigBericht(f"Onverwacht element '{_local(child.tag)}' in de SOAP-envelope")
    if len(bodies) != 1 or len(headers) > 1:
        raise OngeldigBericht("Een SOAP-envelope heeft hoogstens één Header en precies één Body")
    return _autorisatie_block(headers, tolerate), _body_child(bodies[0])


def _body_child(body: etree._Element) -> etree._Element:
    children = _elements(body)
    if (body.text or "").strip() or any((child.tail or "").strip() for child in body):
        raise OngeldigBericht("De SOAP-body bevat tekst buiten het bericht")
    if not children:
        raise OngeldigBericht("De SOAP-body is leeg")
    if len(children) > 1:
        raise OngeldigBericht("De SOAP-body bevat meer dan één element")
    return children[0]


def _autorisatie_block(headers: list[etree._Element], tolerate: Tolerate) -> etree._Element | None:
    if not headers:
        return None
    blocks = [child for child in _elements(headers[0]) if child.tag == AUTORISATIE]
    if not blocks:
        blocks = [c for c in _elements(headers[0]) if _local(c.tag) == "autorisatie"]
        if blocks:
            tolerate("De autorisatie-header heeft niet de namespace van het schema")
    if len(blocks) > 1:
        raise OngeldigBericht("De SOAP-header bevat meer dan één autorisatie")
    return blocks[0] if blocks else None


def read_autorisatie(block: etree._Element | None) -> Autorisatie:
    """The header's three values, or ``AutorisatieOngeldig`` when it is missing or incomplete.

    The length limit of 64 characters is deliberately not enforced: real LASes issue longer keys.
    """
    if block is None:
        raise AutorisatieOngeldig("De autorisatie-header ontbreekt")
    values: dict[str, str] = {}
    for child in _elements(block):
        name = _local(child.tag)
        if name in _AUT_FIELDS and name not in values:
            values[name] = child.text or ""
    for name in _AUT_FIELDS:
        if not values.get(name, "").strip():
            raise AutorisatieOngeldig(
                f"Het element '{name}' van de autorisatie ontbreekt of is leeg"
            )
    return Autorisatie(**values)


def read_fault(element: etree._Element, *, strict: bool, tolerate: Tolerate) -> Fault:
    """A received ``Fault``; the faultcode is reduced to its local part (after the last ``:``)."""
    parts: dict[str, etree._Element] = {}
    for child in _elements(element):
        name = _local(child.tag) or ""
        if child.tag != name:
            tolerate(f"Het element '{name}' van de Fault hoort geen namespace te hebben")
        parts.setdefault(name, child)
    code = (parts["faultcode"].text or "").strip() if "faultcode" in parts else ""
    if not code:
        raise OngeldigBericht("De Fault heeft geen faultcode")
    if ":" not in code and not strict:
        tolerate("De faultcode heeft geen namespace-prefix")
    if "faultstring" not in parts:
        tolerate("De Fault heeft geen faultstring")
    faultstring = parts["faultstring"].text or "" if "faultstring" in parts else ""
    return Fault(
        faultcode=code.rpartition(":")[2],
        faultstring=faultstring.strip(),
        detail=_detail(parts.get("detail")),
    )


def _detail(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    for child in _elements(element):
        if _local(child.tag) == "melding":
            return (child.text or "").strip() or None
    return "".join(str(part) for part in element.itertext()).strip() or None
