"""Finding the likely original: a candidate and stored originals in, originals ranked
by how much of the candidate they explain out.

A document-vector prefilter keeps the `top` originals closest to the candidate (an
original in another language is compared in the multilingual encoder's space); each
is then aligned sentence by sentence, and ranked by the share of the candidate's
content words it explains times the mean similarity of those links. The best is
`likely` only when both clear `Thresholds.likely_coverage` and `likely_similarity`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from scoring import __version__
from scoring.relation import link_coverage

if TYPE_CHECKING:
    from scoring.pipeline import Auditor, Prepared


@dataclass
class Standing:
    """How well one original explains the candidate."""

    id: str
    coverage_candidate: float
    coverage_original: float
    mean_similarity: float
    links: int
    likely: bool = False

    @property
    def score(self) -> float:
        return round(self.coverage_candidate * self.mean_similarity, 4)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score,
                "coverage": {"candidate": self.coverage_candidate, "original": self.coverage_original},
                "mean_similarity": self.mean_similarity, "links": self.links, "likely": self.likely}


def doc_vector(vectors: np.ndarray) -> np.ndarray:
    """The normalised mean of a document's unit vectors: what a corpus index searches."""
    if not len(vectors):
        return np.zeros(vectors.shape[1] if vectors.ndim == 2 else 1, dtype=np.float32)
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean


def rank_originals(auditor: Auditor, candidate: Prepared, originals: Mapping[str, Prepared], top: int = 10,
                   errors: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The match result: originals ranked best first (at most `top`), with the
    auditor's signature and the originals that could not be read (`errors`)."""
    from scoring.pipeline import units

    c_units = units(candidate.document)
    texts = [candidate.texts[u.index] for u in c_units]
    for p in originals.values():
        if p.vectors is None:
            texts.extend(p.texts[u.index] for u in units(p.document))
    auditor.embedder.encode(texts)
    # An original in another language than the candidate is compared in the
    # multilingual encoder's space (`Auditor.path_for`), the others in the model's.
    paths = {key: auditor.path_for(p.document, candidate.document) for key, p in originals.items()}
    c_vectors: dict[tuple[str, str] | None, np.ndarray] = {}  # the candidate's, once per encoder

    def closeness(key: str) -> float:
        path = paths[key]
        if path.languages not in c_vectors:
            c = auditor.with_vectors(candidate, path)
            assert c.vectors is not None
            c_vectors[path.languages] = doc_vector(c.vectors)
        o = auditor.with_vectors(originals[key], path)
        assert o.vectors is not None
        return float(doc_vector(o.vectors) @ c_vectors[path.languages])

    prefilter = sorted(originals.items(), key=lambda kv: -closeness(kv[0]))[:top]
    standings: list[Standing] = []
    for key, p in prefilter:
        links = auditor.align_prepared(p, candidate, paths[key])
        cov_o, cov_c = link_coverage(p.document, candidate.document, links)
        sims = [link.similarity for link in links]
        standings.append(Standing(key, cov_c, cov_o, round(float(np.mean(sims)) if sims else 0.0, 4), len(links)))
    standings.sort(key=lambda s: -s.score)
    if standings:
        best = standings[0]
        t = paths[best.id].config.thresholds  # in the space the pair was compared in
        best.likely = best.coverage_candidate >= t.likely_coverage and best.mean_similarity >= t.likely_similarity
    return {"driftaudit": __version__, "signature": auditor.signature(),
            "candidate": {"words": sum(s.words for s in candidate.document.sentences if s.kind == "content")},
            "matches": [s.to_dict() for s in standings], "errors": dict(errors or {})}
