"""How the two documents relate, decided from the alignment before any flag is raised.

    translation           the candidate renders the original sentence by sentence: nearly all
                          of the original is linked (`translation_coverage`), and nearly all of
                          the candidate (`translation_candidate_coverage`)
    rewrite               most of both is linked (`rewrite_coverage`), but sentences were dropped
                          or added: the writer's own version
    partial_reuse         some sentences are surely carried over (a link at or above
                          `strong_link_similarity`), the rest of the candidate is its own;
                          only the stretch around the reused sentences is audited
    unrelated_same_topic  no sentence is surely carried over, but the documents are about the
                          same thing (document vectors at or above `topic_similarity`); links of
                          sentences that only share the topic are not counterparts: nothing is
                          audited
    unrelated             neither

Two articles on the same story always have sentences that share words and names, so
the aligner links some of them; what sets reuse apart is a sentence that is nearly
the same (a quotation in the same words, a sentence taken over).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from scoring.config import Thresholds
from scoring.types import Document, Link

RelationKind = Literal["translation", "rewrite", "partial_reuse", "unrelated_same_topic", "unrelated"]
RELATIONS: tuple[RelationKind, ...] = ("translation", "rewrite", "partial_reuse", "unrelated_same_topic", "unrelated")


@dataclass(frozen=True)
class Relation:
    """The relation, the links kept for auditing, and why (for the report)."""

    kind: RelationKind
    links: tuple[Link, ...]
    reason: str


def coverage(doc: Document, aligned: set[int]) -> float:
    """Share of the content words of `doc` that sit in a link (1.0 when it has none)."""
    total = sum(s.words for s in doc.sentences if s.kind == "content")
    if total == 0:
        return 1.0 if not aligned else 0.0
    covered = sum(s.words for s in doc.sentences if s.kind == "content" and s.index in aligned)
    return round(covered / total, 4)


def link_coverage(original: Document, candidate: Document, links: Sequence[Link]) -> tuple[float, float]:
    """(original, candidate) coverage of `links`."""
    return (coverage(original, {i for link in links for i in link.original}),
            coverage(candidate, {j for link in links for j in link.candidate}))


def reuse_stretches(links: Sequence[Link], t: Thresholds) -> list[Link]:
    """The links around surely reused sentences: runs of consecutive links that are
    adjacent in both documents (at most one sentence apart), hold a link at or above
    `strong_link_similarity`, and whose members reach `stretch_similarity`."""
    ordered = sorted(links, key=lambda link: (link.original[0], link.candidate[0]))
    keep: list[Link] = []
    run: list[Link] = []

    def close_run() -> None:
        if any(link.similarity >= t.strong_link_similarity for link in run):
            keep.extend(run)
        run.clear()

    for link in ordered:
        joined = run and link.original[0] - run[-1].original[-1] <= 2 and 0 < link.candidate[0] - run[-1].candidate[-1] <= 2
        if link.similarity < t.stretch_similarity:
            close_run()
            continue
        if run and not joined:
            close_run()
        run.append(link)
    close_run()
    return keep


def relate(original: Document, candidate: Document, links: Sequence[Link], topic_similarity: float,
           t: Thresholds) -> Relation:
    """Decide the relation from the links and the document vectors' similarity."""
    cov_o, cov_c = link_coverage(original, candidate, links)
    content = [link for link in links if any(candidate.sentences[j].kind == "content" for j in link.candidate)]
    mean_sim = sum(link.similarity for link in content) / len(content) if content else 0.0
    strong = [link for link in content if link.similarity >= t.strong_link_similarity]
    if min(cov_o, cov_c) >= t.rewrite_coverage:
        if cov_o >= t.translation_coverage and cov_c >= t.translation_candidate_coverage:
            return Relation("translation", tuple(links),
                            f"{cov_o:.0%} of the original and {cov_c:.0%} of the candidate are linked, "
                            f"mean similarity {mean_sim:.2f}")
        return Relation("rewrite", tuple(links),
                        f"{cov_o:.0%} of the original and {cov_c:.0%} of the candidate are linked, "
                        f"mean similarity {mean_sim:.2f}: sentences are dropped or added")
    if strong:
        kept = reuse_stretches(links, t)
        return Relation("partial_reuse", tuple(kept),
                        f"{len(strong)} sentence(s) carried over (similarity {max(s.similarity for s in strong):.2f}); "
                        f"only the {len(kept)} link(s) around them are audited")
    best = max((link.similarity for link in content), default=0.0)
    if topic_similarity >= t.topic_similarity:
        return Relation("unrelated_same_topic", (),
                        f"no sentence is carried over (closest pair {best:.2f} < {t.strong_link_similarity:.2f}); the "
                        f"articles share a topic (document similarity {topic_similarity:.2f}): not audited sentence "
                        "by sentence")
    return Relation("unrelated", (), f"no sentence is carried over (closest pair {best:.2f}) and the topics differ "
                                     f"(document similarity {topic_similarity:.2f}): not audited")
