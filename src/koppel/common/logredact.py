"""A logging filter that keeps request bodies and autorisatiesleutels out of every log line."""

from __future__ import annotations

import logging
import re

_KEY_ELEMENT = re.compile(r"(<(?:[\w.-]+:)?autorisatiesleutel[^>]*>)[^<]*(</)", re.IGNORECASE)
_KEY_ASSIGNMENT = re.compile(
    r"(autorisatiesleutel['\"]?\s*[:=]\s*['\"]?)[^\s'\",)]+", re.IGNORECASE
)


def redact(text: str) -> str:
    """``text`` with any autorisatiesleutel value replaced by ``***``."""
    text = _KEY_ELEMENT.sub(r"\1***\2", text)
    return _KEY_ASSIGNMENT.sub(r"\1***", text)


class RedactFilter(logging.Filter):
    """Drops the request object (Django attaches it, and with it the body) and redacts keys."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class SoapFaultFilter(logging.Filter):
    """Drops Django's "Internal Server Error" line for SOAP faults: UWLR answers every refusal
    with HTTP 500 (SOAP 1.1), which is not a server error. Real errors carry ``exc_info`` and are
    kept; unexpected provider errors are logged by :mod:`koppel.uwlr.server`."""

    def filter(self, record: logging.LogRecord) -> bool:
        is_fault = getattr(record, "status_code", None) == 500 and not record.exc_info
        return not (is_fault and "/uwlr/" in record.getMessage())
