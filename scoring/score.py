"""Stage 5, score: one link in, its metrics and drifting words out.

Sentence level: cosine of the window embeddings, sacrebleu sentence chrF, BLEU and TER
(settings from `MetricSettings`), and the length ratio. Word level: every content word
of the candidate window is matched to its most similar word of the original window
(contextual vectors from `scoring.embed`, an exact lexical match counts as 1.0), the
way BERTScore matches tokens; words whose best match stays low are the drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from scoring.config import MetricSettings
from scoring.embed import WordVectors
from scoring.types import LinkScore, Span, WordMatch

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours yourself yourselves said says
    say told according also would could shall may might must upon whereby thereby however""".split()
)


@lru_cache(maxsize=8)
def _metrics(settings: MetricSettings):  # type: ignore[no-untyped-def]
    from sacrebleu.metrics import BLEU, CHRF, TER

    return (
        CHRF(char_order=settings.chrf_char_order, word_order=settings.chrf_word_order, beta=settings.chrf_beta),
        BLEU(effective_order=True, smooth_method=settings.bleu_smooth),
        TER(case_sensitive=settings.ter_case_sensitive),
    )


def lexical_scores(original: str, candidate: str, settings: MetricSettings) -> tuple[float, float, float]:
    """(chrF, BLEU, TER) of `candidate` against `original` as the reference."""
    chrf, bleu, ter = _metrics(settings)
    if not original.strip() or not candidate.strip():
        return 0.0, 0.0, 100.0
    return (
        round(chrf.sentence_score(candidate, [original]).score, 2),
        round(bleu.sentence_score(candidate, [original]).score, 2),
        round(ter.sentence_score(candidate, [original]).score, 2),
    )


LOST = 0.60  # an original word whose best candidate match is below this is lost


def stem(word: str) -> str:
    """A crude English stem, enough to say 'transfers' and 'transfer' are one word."""
    w = word.lower().replace("’", "'")
    for suffix in ("'s", "ing", "ed", "es", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def is_content_word(word: str, min_chars: int) -> bool:
    return len(word) >= min_chars and word.lower() not in STOPWORDS and any(ch.isalpha() for ch in word) \
        and not any(ch.isdigit() for ch in word)


def word_drift(original_text: str, original_words: Sequence[tuple[WordVectors | None, int]],
               candidate_text: str, candidate_words: Sequence[tuple[WordVectors | None, int]],
               min_chars: int) -> list[WordMatch]:
    """Best-match similarity of each candidate content word against the original window.

    `*_words` pair each sentence's word vectors with the sentence's offset in its
    document text; spans come back in document offsets of the candidate.
    """
    o_vecs = [wv.vectors for wv, _ in original_words if wv is not None and len(wv.spans)]
    if not o_vecs:
        return []
    o_matrix = np.concatenate(o_vecs)
    o_names = [original_text[off + s : off + e] for wv, off in original_words if wv is not None for s, e in wv.spans]
    o_stems = {stem(w) for w in o_names}
    c_vecs = [wv.vectors for wv, _ in candidate_words if wv is not None and len(wv.spans)]
    if not c_vecs:
        return []
    c_names = [candidate_text[off + s : off + e] for wv, off in candidate_words if wv is not None for s, e in wv.spans]
    c_stems = {stem(w) for w in c_names}
    sims = np.concatenate(c_vecs) @ o_matrix.T
    # How well each original word is covered by the candidate: an exact match is 1.
    reverse = np.where([stem(w) in c_stems for w in o_names], 1.0, sims.max(axis=0))
    # A substitution: an original content word that nothing in the candidate matches
    # well, and one of its two closest candidate words ("occupying" -> "crew").
    top_two = np.argsort(-sims, axis=0)[:2]
    replaced: dict[int, str] = {}
    for u, name in enumerate(o_names):
        if reverse[u] < LOST and is_content_word(name, min_chars):
            for k in top_two[:, u]:
                replaced.setdefault(int(k), name)
    out: list[WordMatch] = []
    row = 0
    for wv, off in candidate_words:
        if wv is None or not len(wv.spans):
            continue
        for s, e in wv.spans:
            word = candidate_text[off + s : off + e]
            k, row = row, row + 1
            if not is_content_word(word, min_chars):
                continue
            best = int(sims[k].argmax())
            score = 1.0 if stem(word) in o_stems else float(sims[k, best])
            out.append(WordMatch(Span(off + s, off + e, word), round(score, 4), o_names[best],
                                 round(float(reverse[best]), 4), replaced.get(k) if score < 1.0 else None))
    return out


def score_link(similarity: float, original: str, candidate: str, drift: list[WordMatch],
               settings: MetricSettings) -> LinkScore:
    """All metrics of one link."""
    chrf, bleu, ter = lexical_scores(original, candidate, settings)
    o_len, c_len = max(len(original.split()), 1), len(candidate.split())
    return LinkScore(similarity=round(similarity, 4), chrf=chrf, bleu=bleu, ter=ter,
                     length_ratio=round(c_len / o_len, 3), word_drift=drift)


