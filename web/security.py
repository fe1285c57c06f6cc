"""What keeps the office app safe by default: a session cookie, CSRF tokens on every POST, an
optional password for every page, a cap on request bodies, and headers that let the browser run
only the app's own script."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "kh_sid"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# the OpenAPI pages run Swagger UI's / ReDoc's own inline start-up script (ReDoc also a blob worker)
CSP_DOCS = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src blob:; frame-ancestors 'none'")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_secret(folder: Path) -> bytes:
    """A key kept in the data folder (mode 0600), so calendar feed links survive a restart."""
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / "secret.key"
    if not f.is_file():
        f.write_bytes(secrets.token_bytes(32))
        f.chmod(0o600)
    return f.read_bytes()


def sign(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()[:32]


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())  # bytes: any password


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (413) — by Content-Length before reading, and by
    counting as it streams for bodies sent without one."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in {"POST", "PUT", "PATCH"}:
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await _too_large(send, self.limit)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except* _BodyTooLarge:  # (wrapped in an ExceptionGroup by the middleware's task group, or not)
            if not started:
                await _too_large(send, self.limit)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    size = f"{limit / (1 << 20):.0f} MB" if limit >= 1 << 20 else f"{limit / 1024:.0f} kB"
    body = f"Yêu cầu quá lớn: tối đa {size} mỗi lần nạp.".encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
