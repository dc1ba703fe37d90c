"""Dependencies of the routes: the service objects and authentication."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from app.api.errors import Unauthorized
from app.core.engine import AuditService
from app.store.repo import Store

bearer = HTTPBearer(auto_error=False, description="An API key from `driftaudit keys create NAME`")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def get_service(request: Request) -> AuditService:
    service: AuditService = request.app.state.service
    return service


def get_store(request: Request) -> Store:
    store: Store = request.app.state.service.store
    return store


class KeyCheck:
    """Whether keys are required (any live key exists), cached for a few seconds."""

    def __init__(self, ttl: float = 5.0) -> None:
        self.ttl = ttl
        self._value = False
        self._checked = 0.0

    def required(self, store: Store) -> bool:
        if time.monotonic() - self._checked > self.ttl:
            self._value = store.has_keys()
            self._checked = time.monotonic()
        return self._value

    def reset(self) -> None:
        self._checked = 0.0


def require_client(request: Request,
                   credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
                   header_key: Annotated[str | None, Depends(api_key_header)]) -> str:
    """The caller's name: an API key's name, a dashboard user, or 'local' when no keys exist.

    Without any key configured the service only listens on loopback (see `driftaudit serve`),
    so open access there is the single-user default.
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
    return "local"


Service = Annotated[AuditService, Depends(get_service)]
Client = Annotated[str, Depends(require_client)]
