"""Domain errors of the LAS, translated once per boundary (command output, form, SOAP fault)."""

from __future__ import annotations


class LasError(Exception):
    """Base of every domain error of the LAS apps; the message is Dutch and shown to users."""


class AlreadyExists(LasError):
    """The object to create exists already."""


class NotFound(LasError):
    """The object referred to does not exist."""


class InvalidState(LasError):
    """The action does not fit the object's current state."""
