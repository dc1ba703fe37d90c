"""Dependencies of the routes: the service objects and authentication."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from app.core.cache import Cached
from app.errors import NoLiveKey, Unauthorized
from app.services.runner import AuditService
from app.store.repo import Store
from app.web.security import local_request

bearer = HTTPBearer(auto_error=False, description="An API key from `driftaudit keys create NAME`")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def get_service(request: Request) -> AuditService:
    service: AuditService = request.app.state.service
    return service


def get_store(request: Request) -> Store:
    store: Store = request.app.state.service.store
    return store


class KeyCheck:
    """Whether any live (unrevoked) key exists, read from the database at most every `ttl` seconds:
    a key created or revoked with `driftaudit keys` counts within that time, in every process."""

    def __init__(self, ttl: float = 2.0) -> None:
        self._cache = Cached(ttl)

    def required(self, store: Store) -> bool:
        """True when a live key exists (so calls without credentials are refused)."""
        return bool(self._cache.get("live keys", store.has_keys))

    def reset(self) -> None:
        self._cache.reset()


def require_client(request: Request,
                   credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
                   header_key: Annotated[str | None, Depends(api_key_header)]) -> str:
    """The caller's identity, which verdicts and submissions record: the API key's name, the
    signed-in dashboard user, or 'local' in the open mode.

    The open mode (no credentials needed) is only for a person on this machine while no live
    key exists: see `local_request` (loopback configuration, socket, peer and Host name). Any
    other request without credentials is refused with 401, whatever the bind check of
    `driftaudit serve` decided at start: revoking the last key, or starting the app with
    uvicorn on another address, closes the API instead of opening it.
    """
    service = get_service(request)
    key = credentials.credentials if credentials else header_key
    if key:
        name = service.store.verify_key(key)
        if name is None:
            raise Unauthorized("the API key is not valid (or was revoked)",
                               "check the key, or create a new one with `driftaudit keys create NAME`")
        return name
    session_user = getattr(request.state, "user", None)
    if session_user:
        return str(session_user)
    keys: KeyCheck = request.app.state.key_check
    if keys.required(service.store):
        raise Unauthorized("this service needs an API key", "send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'")
    if not local_request(request.scope, request.app.state.settings):
        raise NoLiveKey("this service is reachable from other machines (or was called through a name or proxy that is "
                        "not loopback) and has no live API key, so it lets nobody in without one",
                        "on the server, create a key with `driftaudit keys create NAME` and send it as "
                        "'Authorization: Bearer KEY'; or sign in to the dashboard as a user")
    return "local"


Service = Annotated[AuditService, Depends(get_service)]
Client = Annotated[str, Depends(require_client)]
