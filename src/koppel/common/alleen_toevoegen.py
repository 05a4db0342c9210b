"""The append-only rows of the audit trails of both projects (the LAS's Wijzigingslog, the EA's
Logboek): a row is written once, in the transaction of the change it records, and never changed or
deleted by the code. Deleting in bulk (a school removed: ``CASCADE``) is the database's business."""

from __future__ import annotations

from typing import Any

from django.db import models

__all__ = ["AlleenToevoegen", "AlleenToevoegenModel"]


class AlleenToevoegen(Exception):
    """An attempt to change or delete an entry of an audit trail (a programming error)."""


class AlleenToevoegenModel(models.Model):
    """An abstract model whose rows :meth:`save` only creates and :meth:`delete` refuses."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AlleenToevoegen("Een regel van het logboek wordt nooit aangepast.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AlleenToevoegen("Een regel van het logboek wordt nooit verwijderd.")
