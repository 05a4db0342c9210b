"""Settings and logging: keys never reach a log line; secure, Dutch defaults."""

from __future__ import annotations

import logging

from django.conf import settings

from koppel.common.logredact import RedactFilter, SoapFaultFilter, redact


def test_an_autorisatiesleutel_element_is_redacted() -> None:
    text = (
        "<aut:autorisatiesleutel>geheim-123</aut:autorisatiesleutel>"
        "<aut:klantcode>K</aut:klantcode>"
    )
    assert "geheim-123" not in redact(text)
    assert "<aut:klantcode>K</aut:klantcode>" in redact(text)


def test_a_key_in_a_log_message_is_redacted_and_the_request_dropped() -> None:
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "autorisatiesleutel=%s", ("geheim",), None
    )
    record.request = object()
    assert RedactFilter().filter(record)
    assert "geheim" not in record.getMessage()
    assert record.request is None


def test_passwords_are_hashed_with_argon2_first() -> None:
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_dutch_language_and_amsterdam_time_with_aware_datetimes() -> None:
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ) == (
        "nl",
        "Europe/Amsterdam",
        True,
    )


def test_the_request_size_limit_defaults_to_16_mib() -> None:
    assert settings.UWLR_MAX_REQUEST_BYTES == 16 * 1024 * 1024


def test_a_soap_fault_is_not_logged_as_a_server_error() -> None:
    fault = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Internal Server Error: %s",
        ("/uwlr/x",),
        None,
    )
    fault.status_code = 500
    assert not SoapFaultFilter().filter(fault)
    fault.exc_info = (RuntimeError, RuntimeError("kapot"), None)
    assert SoapFaultFilter().filter(fault)
