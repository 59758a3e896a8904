"""The two HTTP routes of the login, served beside Streamlit (server.py): they set and clear the session cookie
from the server, so it can be HttpOnly (page script never sees it) and SameSite=Strict."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from access import accounts, sessions


async def _session(request: Request) -> Response:
    """POST a ticket: 204 with the cookie, or 403 when the ticket is unknown, used or expired."""
    token = sessions.redeem((await request.body()).decode("ascii", "replace").strip())
    if token is None:
        return Response(status_code=403)
    response = Response(status_code=204)
    try:
        lifetime = int(accounts.cookie_lifetime_seconds(accounts.load()))
    except accounts.AccountError:
        return Response(status_code=503)
    response.set_cookie(sessions.COOKIE, token, max_age=lifetime, path="/", httponly=True, samesite="strict")
    return response


async def _logout(request: Request) -> Response:
    """POST: the cookie is cleared (the session itself was already ended on the server)."""
    response = Response(status_code=204)
    response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="strict")
    return response


ROUTES = [
    Route("/_auth/session", _session, methods=["POST"]),
    Route("/_auth/logout", _logout, methods=["POST"]),
]
