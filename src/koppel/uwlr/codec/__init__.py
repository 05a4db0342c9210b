"""Encode and decode UWLR SOAP messages (API contract; implementation in this package).

``decode(data, *, strict=True, max_bytes=...) -> Bericht`` parses untrusted bytes with the hardened
parser, checks the SOAP 1.1 envelope, validates the body against the project's schemas (strict mode)
and returns the header and body as dataclasses. ``encode(message, *, autorisatie=None) -> bytes``
returns a complete SOAP envelope.
"""
