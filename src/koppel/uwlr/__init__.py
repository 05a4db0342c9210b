"""``koppel.uwlr``: the UWLR standard (Edustandaard, versions 2.1, 2.2 and 2.3) as a Python library.

Framework-free: lxml for XML, httpx for HTTP, nothing else. The parts:

- :mod:`koppel.uwlr.messages`: every message as a frozen dataclass;
- :func:`decode` / :func:`encode`: SOAP 1.1 envelopes to and from those dataclasses, validated
  against the project's schemas (strict) or tolerant of what real LASes send (lenient);
- :mod:`koppel.uwlr.faults`: one exception per fault code of the standard;
- :class:`UwlrClient`: the EA side (HaalLeerlinggegevens, the getrapt operations, BrengLeerresultaten);
- :mod:`koppel.uwlr.server`: a dispatcher for the LAS side, independent of any web framework.
"""

from koppel.uwlr import faults, messages
from koppel.uwlr.client import Antwoord, UwlrClient
from koppel.uwlr.codec import decode, encode
from koppel.uwlr.faults import TransportError, UwlrError, UwlrFault
from koppel.uwlr.server import UwlrService

__all__ = [
    "Antwoord",
    "TransportError",
    "UwlrClient",
    "UwlrError",
    "UwlrFault",
    "UwlrService",
    "decode",
    "encode",
    "faults",
    "messages",
]
