"""The link between an EA account and a user's identity at a LAS (``issuer`` + ``sub``).

Made once, after the user confirmed "Is dit uw account?"; from then on signing in with that LAS
signs in to this account directly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LasIdentiteit(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="las_identiteiten"
    )
    issuer = models.URLField(max_length=400)
    sub = models.CharField(max_length=255)
    eckid = models.CharField(max_length=256, blank=True)
    gekoppeld_op = models.DateTimeField()

    class Meta:
        verbose_name_plural = "LAS-identiteiten"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "sub"], name="las_identiteit_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.user} = {self.sub} @ {self.issuer}"
