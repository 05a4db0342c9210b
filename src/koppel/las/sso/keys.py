"""The RS256 key the LAS signs its id_tokens with, read once by the settings.

``KOPPEL_LAS_OIDC_KEY`` names a PEM file with the private key (production: keep it with the other
secrets). Without it a key is generated once into ``$KOPPEL_VAR_DIR/oidc-rs256.pem`` (mode 0600) and
reused, so id_tokens stay verifiable across restarts. This module imports no Django.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

GENERATED_NAME = "oidc-rs256.pem"
KEY_BITS = 2048


def oidc_private_key(configured: str | None, var_dir: Path) -> str:
    """The PEM text of the signing key: the configured file, else the generated one."""
    if configured:
        return Path(configured).read_text()
    path = var_dir / GENERATED_NAME
    if not path.exists():
        _write_new_key(path)
    return path.read_text()


def _write_new_key(path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # Written aside, then linked into place: two workers starting at once never read half a key,
    # and the one that loses the race uses the winner's key.
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
