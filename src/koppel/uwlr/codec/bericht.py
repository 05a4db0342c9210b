"""Whole SOAP messages: :func:`decode` bytes into a :class:`~koppel.uwlr.messages.Bericht` and
:func:`encode` a message into a complete envelope.

Decoding checks in the order the standard's fault codes need (UWLR 2.2, "Systeemautorisatie" and
the Kennisnet conformance test): well-formed XML and a SOAP 1.1 envelope with one known body
element (``Client.OngeldigBericht``), the ``autorisatie`` header of a request
(``Client.AutorisatieOngeldig``), the schemas (``Client.OngeldigBericht``) and finally the rules
the schemas cannot enforce.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from koppel.uwlr import envelope, xmlsafe
from koppel.uwlr import messages as m
from koppel.uwlr.codec import checks, leerlinggegevens_berichten, leerresultaten, validation
from koppel.uwlr.codec._xml import Context
from koppel.uwlr.envelope import LG_NS, LR_NS, OSO_NS
from koppel.uwlr.faults import OngeldigBericht

__all__ = ["DEFAULT_MAX_BYTES", "decode", "encode"]

#: The largest body decoded by default; a school of 5,000 pupils is about 4 MB.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

Reader = Callable[[etree._Element, Context], Any]

_LG_NAMESPACES = {"lg": LG_NS}
_LR_NAMESPACES = {"lr": LR_NS, "oso": OSO_NS}


class _Soort:
    """What decode and encode need to know about one body element."""

    __slots__ = ("namespaces", "read", "request", "schema")

    def __init__(self, read: Reader, *, schema: str, request: bool) -> None:
        self.read = read
        self.schema = schema
        self.request = request
        self.namespaces = _LG_NAMESPACES if schema == "leerlinggegevens" else _LR_NAMESPACES


_REQUESTS = {m.LeerlinggegevensVerzoek, m.StructuurVerzoek, m.LeerlingenVerzoek,
             m.LeerkrachtenVerzoek, m.LeerresultatenVerzoek}  # fmt: skip
_BODIES: dict[str, _Soort] = {
    **{
        tag: _Soort(read, schema="leerlinggegevens", request=tag.endswith("_verzoek"))
        for tag, read in leerlinggegevens_berichten.READERS.items()
    },
    **{
        tag: _Soort(read, schema="leerresultaten", request=tag.endswith("_verzoek"))
        for tag, read in leerresultaten.READERS.items()
    },
}
_BY_LOCAL = {tag.rpartition("}")[2]: soort for tag, soort in _BODIES.items()}
_WRITERS: dict[type[Any], tuple[dict[str, str], Callable[[etree._Element, Any], None]]] = {
    **{cls: (_LG_NAMESPACES, w) for cls, w in leerlinggegevens_berichten.WRITERS.items()},
    **{cls: (_LR_NAMESPACES, w) for cls, w in leerresultaten.WRITERS.items()},
}


def decode(data: bytes, *, strict: bool = True, max_bytes: int = DEFAULT_MAX_BYTES) -> m.Bericht:
    """Decode an untrusted SOAP message; raises a :class:`~koppel.uwlr.faults.ClientFault`.

    ``strict=False`` (an EA reading real LASes) accepts schema deviations and reports each kind
    once in ``Bericht.warnings``; missing required data is refused in both modes.
    """
    root = xmlsafe.parse(data, max_bytes=max_bytes)
    ctx = Context(strict=strict)
    header, body = envelope.split(root, tolerate=ctx.tolerate)
    if body.tag == envelope.FAULT:
        fault = envelope.read_fault(body, strict=strict, tolerate=ctx.tolerate)
        return m.Bericht(body=fault, warnings=ctx.warnings)
    soort = _soort(body, ctx)
    autorisatie = envelope.read_autorisatie(header) if soort.request else None
    _validate(header if soort.request else None, body, soort, ctx)
    if next(body.iter(etree.Comment), None) is not None:
        # Comments split text nodes (<naam>Jan<!-- -->sen</naam>); removing them rejoins the text.
        etree.strip_elements(body, etree.Comment, with_tail=False)
    message = soort.read(body, ctx)
    for problem in checks.problems(message, validated=strict):
        ctx.tolerate(problem)
    return m.Bericht(autorisatie=autorisatie, body=message, warnings=ctx.warnings)


def _soort(body: etree._Element, ctx: Context) -> _Soort:
    soort = _BODIES.get(body.tag)
    if soort is not None:
        return soort
    local = body.tag.rpartition("}")[2]
    soort = _BY_LOCAL.get(local)
    if soort is None:
        raise OngeldigBericht(f"Onbekend bericht '{local}'")
    ctx.tolerate(f"Het bericht '{local}' heeft niet de namespace van het schema")
    return soort


def _validate(
    header: etree._Element | None, body: etree._Element, soort: _Soort, ctx: Context
) -> None:
    if ctx.strict:
        if header is not None:
            validation.validate(header, "autorisatie")
        validation.validate(body, soort.schema)
        return
    # Lenient: still report how the message deviates, once, in words a user can pass on.
    found = validation.problem(body, soort.schema)
    if found is not None:
        ctx.warn(f"Het bericht voldoet niet aan het schema: {found}")


def encode(message: m.Body | m.Bericht, *, autorisatie: m.Autorisatie | None = None) -> bytes:
    """A complete SOAP 1.1 envelope (UTF-8, XML declaration) for a request, answer or fault.

    Requests need ``autorisatie`` (or a ``Bericht`` carrying it); answers and faults take none.
    Raises ``ValueError`` for values the standard cannot express (e.g. a naive datetime).
    """
    if isinstance(message, m.Bericht):
        autorisatie = autorisatie or message.autorisatie
        message = message.body
    request = type(message) in _REQUESTS
    if request and autorisatie is None:
        raise ValueError(f"{type(message).__name__} needs an autorisatie header")
    if not request and autorisatie is not None:
        raise ValueError("only requests carry an autorisatie header")
    if isinstance(message, m.Fault):
        root, body = envelope.new_envelope({})
        envelope.write_fault(body, message)
        return envelope.to_bytes(root)
    entry = _WRITERS.get(type(message))
    if entry is None:
        raise TypeError(f"cannot encode {type(message).__name__}")
    namespaces, write = entry
    root, body = envelope.new_envelope(namespaces, autorisatie=autorisatie)
    write(body, message)
    return envelope.to_bytes(root)
