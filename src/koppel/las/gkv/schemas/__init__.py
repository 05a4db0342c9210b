"""The WSDL and XSD of the GKV, written for this project and served by the endpoint."""

from __future__ import annotations

import functools
from pathlib import Path
from xml.sax.saxutils import quoteattr

HERE = Path(__file__).parent
DOCUMENTS = ("gkv.xsd",)


@functools.cache
def document(naam: str) -> bytes:
    """A served schema by file name; ``KeyError`` when it is not one of :data:`DOCUMENTS`."""
    if naam not in DOCUMENTS:
        raise KeyError(naam)
    return (HERE / naam).read_bytes()


def wsdl(location: str) -> bytes:
    """The WSDL with ``location`` as the service address."""
    text = (HERE / "gkv.wsdl").read_text(encoding="utf-8")
    return text.replace('location="LOCATION"', f"location={quoteattr(location)}").encode()
