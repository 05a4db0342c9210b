"""Domain errors of the EA apps, translated once per boundary (form, message, command output)."""

from __future__ import annotations


class EaError(Exception):
    """Base of every domain error of the EA; the message is Dutch and shown to users."""


class AlreadyExists(EaError):
    """The object to create exists already."""


class NotFound(EaError):
    """The object referred to does not exist."""


class InvalidState(EaError):
    """The action does not fit the object's current state."""
