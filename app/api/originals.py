"""/v1/originals (the corpus of original articles) and /v1/match."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from app.api.audits import MAX_OFFSET, PROBLEMS, utc
from app.api.deps import Client, Service
from app.api.schemas import MatchRequest, MatchResult, OriginalCreate, OriginalDetail, OriginalList, OriginalOut
from app.errors import NotFound
from app.services import corpus
from app.store.models import Original

router = APIRouter(prefix="/v1", tags=["originals"])


def original_out(row: Original) -> OriginalOut:
    return OriginalOut(id=row.id, created_at=utc(row.created_at),
                       title=row.title, outlet=row.outlet, url=row.url,
                       external_id=row.external_id, language=row.language, sentences=row.sentences,
                       words=row.words, model=row.model)


@router.post("/originals", response_model=OriginalOut, status_code=201, responses=PROBLEMS)
def add_original(body: OriginalCreate, response: Response, service: Service, _: Client) -> OriginalOut:
    """Store an original article; its sentence embeddings are kept so matching never re-encodes it."""
    row = corpus.add(service, body.as_input(), body.meta())
    response.headers["Location"] = f"/v1/originals/{row.id}"
    return original_out(row)


@router.get("/originals", response_model=OriginalList, responses=PROBLEMS)
def list_originals(request: Request, service: Service, _: Client,
                   q: Annotated[str | None, Query(max_length=200, description="Words in the title")] = None,
                   limit: Annotated[int, Query(ge=1, le=200)] = 50,
                   offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> OriginalList:
    rows, total = service.store.list_originals(limit, offset, q)
    following = str(request.url.include_query_params(offset=offset + limit)) if offset + limit < total else None
    return OriginalList(items=[original_out(r) for r in rows], total=total, limit=limit, offset=offset,
                        next=following)


@router.get("/originals/{original_id}", response_model=OriginalDetail, responses=PROBLEMS)
def get_original(original_id: str, service: Service, _: Client) -> OriginalDetail:
    row = service.store.get_original(original_id)
    if row is None:
        raise NotFound(f"no original {original_id}", "list them with GET /v1/originals")
    audits = [a.id for a in service.store.audits_of_original(original_id)]
    return OriginalDetail(**original_out(row).model_dump(), text=row.text, audits=audits)


@router.delete("/originals/{original_id}", status_code=204, responses=PROBLEMS)
def delete_original(original_id: str, service: Service, _: Client) -> Response:
    corpus.delete(service, original_id)
    return Response(status_code=204)


@router.post("/match", response_model=MatchResult, responses=PROBLEMS)
def match(body: MatchRequest, service: Service, _: Client) -> Any:
    """Rank stored originals by how much of the candidate they explain (`likely` marks a strong match)."""
    return corpus.match(service, body.candidate.as_input(), body.top)
