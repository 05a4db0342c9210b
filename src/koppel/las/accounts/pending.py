"""The pending log-in between the password and the verification code (two-step verification).

After a correct password a user with a confirmed TOTP device is not logged in yet: the user id,
the authentication backend, the page to return to and the start time are kept in the session under
:data:`SESSION_KEY`. The state lasts :data:`VALID_SECONDS` and :data:`MAX_WRONG_CODES` wrong
codes; after that the user starts again with the password. Times are Unix seconds (``now``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from django.contrib.sessions.backends.base import SessionBase

SESSION_KEY = "koppel_inlog_verificatie"
VALID_SECONDS = 5 * 60
MAX_WRONG_CODES = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingLogin:
    user_id: int
    backend: str
    next_url: str
    started: float
    wrong_codes: int = 0

    def expired(self, now: float) -> bool:
        """Older than :data:`VALID_SECONDS` (or from the future: a clock that went back)."""
        return not 0 <= now - self.started < VALID_SECONDS

    def used_up(self) -> bool:
        return self.wrong_codes >= MAX_WRONG_CODES


def start(session: SessionBase, *, user_id: int, backend: str, next_url: str, now: float) -> None:
    """Remember a user whose password was right, until the code is given."""
    pending = PendingLogin(user_id=user_id, backend=backend, next_url=next_url, started=now)
    session[SESSION_KEY] = asdict(pending)


def current(session: SessionBase, *, now: float) -> PendingLogin | None:
    """The pending log-in of this session, ``None`` (and forgotten) when absent or expired."""
    data = session.get(SESSION_KEY)
    try:
        pending = PendingLogin(**data) if isinstance(data, dict) else None
    except TypeError:
        pending = None
    if pending is None or pending.expired(now) or pending.used_up():
        clear(session)
        return None
    return pending


def record_wrong_code(session: SessionBase, pending: PendingLogin) -> bool:
    """Count a wrong code; ``True`` when that was the last try (the state is then dropped)."""
    counted = replace(pending, wrong_codes=pending.wrong_codes + 1)
    if counted.used_up():
        clear(session)
        return True
    session[SESSION_KEY] = asdict(counted)
    return False


def clear(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)
