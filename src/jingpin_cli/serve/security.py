"""Who may use the page: the password (needed off the loopback address), session ids, CSRF tokens.

Tokens come from `secrets`; comparisons are constant-time. The session id lives in an HttpOnly,
SameSite=Strict cookie; every POST carries the session's CSRF token as a form field."""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from pathlib import Path

SESSION_COOKIE = "jingpin_session"
CSRF_FIELD = "csrf"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same(given: str | None, expected: str | None) -> bool:
    """Constant-time equality of two secrets; a missing one never matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1 and `localhost` reach only this machine; anything else (0.0.0.0 included) may not."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def password_needed(host: str, password: str | None) -> bool:
    """Binding `host` without a password is refused unless it is the loopback address."""
    return not is_loopback(host) and not password


def folders_root(host: str, root: Path | None, folder: Path | None) -> Path | None:
    """The folder under which the page may read a folder a user names (links followed), or None: no
    naming at all. --root when given; on the loopback address, by default, the folder given on the
    command line or else the current one; off the loopback only under --root, since then whoever
    has the password would otherwise read any folder of the server."""
    if root is not None:
        return root.resolve()
    if not is_loopback(host):
        return None
    return (folder or Path.cwd()).resolve()
