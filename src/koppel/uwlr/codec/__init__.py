"""Encode and decode UWLR SOAP messages (Edustandaard UWLR 2.1/2.2/2.3, SOAP 1.1).

``decode(data, *, strict=True, max_bytes=DEFAULT_MAX_BYTES) -> Bericht`` parses untrusted bytes
with the hardened parser (:mod:`koppel.uwlr.xmlsafe`), checks the SOAP 1.1 envelope and the
``autorisatie`` header, validates against the project's schemas (strict mode), applies the rules the
schemas cannot enforce and returns the header and body as dataclasses of
:mod:`koppel.uwlr.messages`. ``encode(message, *, autorisatie=None) -> bytes`` returns a complete
envelope with the elements in schema order.
"""

from koppel.uwlr.codec.bericht import DEFAULT_MAX_BYTES, decode, encode
from koppel.uwlr.codec.validation import use_schema_loader

__all__ = ["DEFAULT_MAX_BYTES", "decode", "encode", "use_schema_loader"]
