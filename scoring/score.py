"""Stage 5, score: one link in, its metrics and drifting words out.

Sentence level: cosine of the window embeddings, sacrebleu sentence chrF, BLEU and TER
(settings from `MetricSettings`), and the length ratio. Word level: every content word
of the candidate window is matched to its most similar word of the original window
(contextual vectors from `scoring.embed`, an exact lexical match counts as 1.0), the
way BERTScore matches tokens; words whose best match stays low are the drift.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from scoring.config import MetricSettings
from scoring.embed import WordVectors
from scoring.ter import fast_ter_class
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
    from sacrebleu.metrics import BLEU, CHRF

    bleu = BLEU(effective_order=True, smooth_method=settings.bleu_smooth)
    ter = fast_ter_class(settings.ter_max_words)(case_sensitive=settings.ter_case_sensitive)
    _drop_line_cache(bleu.tokenizer)
    _drop_line_cache(ter.tokenizer)
    return (
        CHRF(char_order=settings.chrf_char_order, word_order=settings.chrf_word_order, beta=settings.chrf_beta),
        bleu,
        ter,
    )


def _drop_line_cache(tokenizer: Any) -> None:
    """Make `tokenizer` (and the one it hands its output to) tokenise without sacrebleu's cache.

    sacrebleu's tokenizers keep every line they tokenised, with its result, in a
    `functools.lru_cache(maxsize=2**16)` on the class: up to 65,536 lines each (BLEU's
    13a and the regexp tokenizer after it, TER's), some 3 KB a line of a news article
    with the three together. A service sees new candidate sentences all the time, so
    these caches only grow, by ~35 KB an audit, until they hold some 200 MB. Tokenising
    a line again costs ~0.1 ms (~2 ms an audit, the original's lines included), so the
    tokenizers used here run without the cache; the results are the same."""
    cls = type(tokenizer)
    call = cls.__call__
    if hasattr(call, "cache_info") and hasattr(call, "__wrapped__"):
        tokenizer.__class__ = _UNCACHED.setdefault(cls, type(cls.__name__, (cls,), {"__call__": call.__wrapped__,
                                                                                   "__module__": __name__}))
    post = getattr(tokenizer, "_post_tokenizer", None)
    if post is not None:
        _drop_line_cache(post)


# sacrebleu tokenizer class -> the same class without its line cache
_UNCACHED: dict[type, type] = {}


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


@lru_cache(maxsize=1 << 16)  # a pure function of one word, asked of every word on both sides of every link
def stem(word: str) -> str:
    """A crude English stem, enough to say 'transfers' and 'transfer' are one word."""
    w = word.lower().replace("’", "'")
    for suffix in ("'s", "ing", "ed", "es", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


@lru_cache(maxsize=1 << 16)
def is_content_word(word: str, min_chars: int, function_words: frozenset[str] = frozenset()) -> bool:
    """A word that carries content: long enough, not a stop word (nor one of
    `function_words`, another language's), letters and no digits."""
    low = word.lower()
    return len(word) >= min_chars and low not in STOPWORDS and low not in function_words \
        and any(ch.isalpha() for ch in word) and not any(ch.isdigit() for ch in word)


# Words of speech that say nothing, set off by punctuation ("So, you know, when I was
# seven"): neither side's content, whether a translation keeps them or not. So are the words
# of "per cent" after a number ("10 per cent" for "10%").
_FILLER = re.compile(r"(?:^|(?<=[,.;:!?\u2014\u2013(]))\s*(you know|I mean|you see)(?=\s*[,.;:!?\u2014\u2013)])"
                     r"|(?<=\d)\s?(per ?cent)\b", re.IGNORECASE)


def filler_starts(text: str, start: int = 0, end: int | None = None) -> frozenset[int]:
    """The start offsets of the words of `text[start:end]` (with the two characters
    before it, for the punctuation that sets a filler off) that belong to a set-off filler."""
    lo = max(0, start - 2)
    window = text[lo : len(text) if end is None else end + 2]
    return frozenset(lo + m.start(g) + w.start() for m in _FILLER.finditer(window) for g in (1, 2) if m.group(g)
                     for w in re.finditer(r"\w+", m.group(g)))


def word_coverage(original_text: str, original_words: Sequence[tuple[WordVectors | None, int]],
                  candidate_text: str, candidate_words: Sequence[tuple[WordVectors | None, int]],
                  min_chars: int, lost: float, function_words: frozenset[str] = frozenset(),
                  same_name: Callable[[str, str], bool] | None = None,
                  said: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset()),
                  ) -> tuple[list[WordMatch], list[WordMatch]]:
    """Both directions of word matching: (every candidate content word with its best
    counterpart in the original window, in candidate offsets; and every original
    content word with how well the candidate covers it, in original offsets).

    `*_words` pair each sentence's word vectors with the sentence's offset in its
    document text. An original word no candidate word matches `lost` well is lost; one
    of its two closest candidate words is taken to replace it.

    A run of candidate words without counterpart is content the original does not have
    (an invented clause); a run of uncovered original words is content the candidate
    dropped.

    `same_name`, across languages, says when two capitalised words are one name
    spelled two ways ("Zelensky's" / "Selenskyjs"): they match exactly.

    `said` holds the start offsets of words, on each side (original, candidate), that say
    what the other side says in other words (`checks.words_said`): a number ("three hundred
    thousand" for "300,000"), a verb of one synonym group ("put back" for "postponed"). They
    match exactly, as the checks read them.
    """
    o_vecs = [wv.vectors for wv, _ in original_words if wv is not None and len(wv.spans)]
    c_vecs = [wv.vectors for wv, _ in candidate_words if wv is not None and len(wv.spans)]
    if not o_vecs or not c_vecs:
        return [], []
    o_spans, c_spans = _word_spans(original_text, original_words), _word_spans(candidate_text, candidate_words)
    o_stem_of = [stem(sp.text) for sp in o_spans]
    c_stem_of = [stem(sp.text) for sp in c_spans]
    o_stems, c_stems = set(o_stem_of), set(c_stem_of)
    if same_name is not None:  # a name spelled the other language's way is the same word
        o_caps = [u for u, sp in enumerate(o_spans) if sp.text[:1].isupper()]
        c_caps = [k for k, sp in enumerate(c_spans) if sp.text[:1].isupper()]
        pairs = [(u, k) for u in o_caps for k in c_caps if same_name(o_spans[u].text, c_spans[k].text)]
        for u, k in pairs:  # one key for both, so that the exact-match rules below see them
            o_stem_of[u] = c_stem_of[k] = f"\0name:{k}"
        o_stems, c_stems = set(o_stem_of), set(c_stem_of)
    o_fillers = filler_starts(original_text, o_spans[0].start, o_spans[-1].end) if o_spans else frozenset()
    c_fillers = filler_starts(candidate_text, c_spans[0].start, c_spans[-1].end) if c_spans else frozenset()
    o_content = [is_content_word(sp.text, min_chars, function_words) and sp.start not in o_fillers for sp in o_spans]
    c_matrix, o_matrix = np.concatenate(c_vecs), np.concatenate(o_vecs)
    sims = c_matrix @ o_matrix.T  # candidate words x original words
    # Parts of compound words count for the word they are part of ("sprecher" of
    # "Kremlsprecher" covers "spokesman").
    best_to_o, best_o_arr = _with_parts(sims, c_matrix, original_words)
    best_to_c, best_c_arr = _with_parts(sims.T, o_matrix, candidate_words)
    # How well each original word is covered by the candidate: an exact match is 1, and so
    # is a word the other side abbreviates ("myocardial infarction" / "MI").
    o_abbreviated, c_abbreviated = abbreviated(o_spans, c_spans), abbreviated(c_spans, o_spans)
    o_said, c_said = said
    reverse = np.where([s in c_stems or u in o_abbreviated or o_spans[u].start in o_said
                        for u, s in enumerate(o_stem_of)], 1.0, best_to_c)
    # ... and how well each candidate word is matched in the original
    forward = np.where([s in o_stems or k in c_abbreviated or c_spans[k].start in c_said
                        for k, s in enumerate(c_stem_of)], 1.0, best_to_o)
    # A substitution: an original content word that nothing in the candidate matches
    # well, and one of its two closest candidate words ("occupying" -> "crew").
    top_two = np.argsort(-sims, axis=0)[:2]
    replaced: dict[int, str] = {}
    lost_words = [u for u in range(len(o_spans)) if reverse[u] < lost and o_content[u]]
    for u in lost_words:
        for k in top_two[:, u]:
            replaced.setdefault(int(k), o_spans[u].text)
    for u in lost_words:  # ... or, failing those, the candidate word in its slot: between the
        # counterparts of its matched neighbours ("the occupying military forces" / "the crew troops")
        slot = _slot(u, reverse, best_c_arr, forward, lost, len(c_spans))
        if slot is not None:
            replaced.setdefault(slot, o_spans[u].text)
    best_o = best_o_arr.tolist()  # each candidate word's closest original word
    best_c = best_c_arr.tolist()  # and the reverse
    forward_list = forward.tolist()
    reverse_list = reverse.tolist()
    drift: list[WordMatch] = []
    for k, sp in enumerate(c_spans):
        if not is_content_word(sp.text, min_chars, function_words) or sp.start in c_fillers:
            continue
        best = best_o[k]
        score = forward_list[k]
        drift.append(WordMatch(sp, round(score, 4), o_spans[best].text, round(reverse_list[best], 4),
                               replaced.get(k) if score < 1.0 else None))
    coverage = [WordMatch(sp, round(reverse_list[u], 4), c_spans[best_c[u]].text, round(reverse_list[u], 4))
                for u, sp in enumerate(o_spans) if o_content[u]]
    return drift, coverage


# "CPJ": Committee to Protect Journalists; "OSCE": Organization for Security and Co-operation in Europe
_ACRONYM_WORDS = frozenset({"of", "and", "for", "the", "&", "to", "in"})


def acronym_keys(acronym: str) -> tuple[str, ...]:
    """The initials an acronym may stand for: its letters, and with an "x" after the first
    read as the "e" of "ex-" ("JAXA": Japan Aerospace Exploration Agency)."""
    if "x" in acronym[1:]:
        return acronym, acronym[0] + acronym[1:].replace("x", "e")
    return (acronym,)


def abbreviated(mine: Sequence[Span], other: Sequence[Span]) -> set[int]:
    """Positions of `mine` that an abbreviation of `other` stands for: runs of two to six
    words whose initials spell it ("hazard ratio" / "HR", "cognitive behavioral therapy" /
    "CBT"), and the abbreviations themselves where `other` spells them out."""
    # all capitals stand for any words ("MI": "myocardial infarction"); an acronym written as
    # a word only for capitalised ones ("Esa": "European Space Agency"), or "The" would do
    acronyms = {key: word.isupper() for sp in other if _acronym(word := _singular_acronym(sp.text))
                for key in acronym_keys(word.lower())}
    out: set[int] = set()
    if acronyms:
        # a run is read on only while its initials begin some acronym: most stop at once
        prefixes = {a[:n] for a in acronyms for n in range(1, len(a) + 1)}
        words = [sp.text.lower() for sp in mine]
        capitalised = [sp.text[:1].isupper() for sp in mine]
        for u in range(len(words)):
            if words[u][:1] not in prefixes:
                continue
            initials = ""
            run: list[int] = []
            for k in range(u, min(len(words), u + 8)):
                if words[k] in _ACRONYM_WORDS and run:
                    continue
                initials += words[k][:1]
                run.append(k)
                if len(initials) > 6 or initials not in prefixes:
                    break
                if len(run) >= 2 and initials in acronyms and (acronyms[initials] or all(capitalised[i] for i in run)):
                    out.update(run)
        for a, upper in acronyms.items():
            if upper:
                out.update(_spelled_skipping_one(words, capitalised, a))
    # an abbreviation of mine that `other` spells out
    mine_acronyms = [(k, key, word.isupper()) for k, sp in enumerate(mine) if _acronym(word := _singular_acronym(sp.text))
                     for key in acronym_keys(word.lower())]
    if not mine_acronyms:
        return out
    wanted = {text for _, text, _ in mine_acronyms}
    firsts = {text[0] for text in wanted}
    other_words = [sp.text.lower() for sp in other]
    other_caps = [sp.text[:1].isupper() for sp in other]
    initial = ["" if w in _ACRONYM_WORDS else w[:1] for w in other_words]
    spelled: dict[str, bool] = {}  # initials of runs of the other side: all capitalised?
    for u in range(len(other_words)):
        # a run that begins with "of", "the" ... spells what the run after that word spells,
        # with no more capitals: only runs from a wanted first letter are read
        if initial[u] not in firsts:
            continue
        for n in range(2, 10):  # words, the small ones among them ("OSCE": 7)
            key = "".join(initial[u : u + n])
            if key in wanted:
                spelled[key] = spelled.get(key, False) or all(other_caps[u : u + n])
    out.update(k for k, text, upper in mine_acronyms if text in spelled and (upper or spelled[text]))
    out.update(k for k, text, upper in mine_acronyms if upper and k not in out
               and _spelled_skipping_one(other_words, other_caps, text))
    return out


def _spelled_skipping_one(words: Sequence[str], capitalised: Sequence[bool], acronym: str) -> list[int]:
    """Positions of a run of capitalised words (lower-cased in `words`) that spells an
    acronym of three letters or more but for one word inside it ("European Union Aviation
    Safety Agency" / "EASA"); [] if there is none."""
    if len(acronym) < 3:
        return []
    for u, word in enumerate(words):
        if word[:1] != acronym[0] or not capitalised[u]:
            continue
        run: list[int] = []
        for k in range(u, min(len(words), u + 10)):
            if words[k] in _ACRONYM_WORDS and run:
                continue
            if not capitalised[k] or len(run) > len(acronym):
                break
            run.append(k)
        if len(run) <= len(acronym):
            continue
        run = run[: len(acronym) + 1]
        initials = "".join(words[k][:1] for k in run)
        if any(initials[:skip] + initials[skip + 1 :] == acronym for skip in range(1, len(run) - 1)):
            return run
    return []


def _singular_acronym(word: str) -> str:
    """An acronym without its plural "s" ("LLCs": "LLC", "NGOs": "NGO"); other words as they are."""
    return word[:-1] if len(word) >= 3 and word[-1] == "s" and word[:-1].isupper() and word[:-1].isalpha() else word


@lru_cache(maxsize=65536)
def _acronym(word: str) -> bool:
    """"MI", "HR", "NATO", or written as a word: "Nasa", "Esa"."""
    return word.isalpha() and 2 <= len(word) <= 6 and (word.isupper() or (len(word) <= 5 and word[1:].islower()
                                                                           and word[:1].isupper()))


def _slot(u: int, covered: np.ndarray, counterpart: np.ndarray, matched: np.ndarray, lost: float,
          size: int) -> int | None:
    """The candidate word in the place of original word `u`: the one just before the
    counterpart of `u`'s next well-covered word, or just after that of its previous one,
    when that word is itself matched no better than `lost`; else None."""
    for step, offset in ((1, -1), (-1, 1)):
        v = u + step
        while 0 <= v < len(covered) and covered[v] < lost:
            v += step
        if 0 <= v < len(covered):
            k = int(counterpart[v]) + offset
            if 0 <= k < size and matched[k] < lost:
                return k
    return None


def _with_parts(sims: np.ndarray, mine: np.ndarray, other: Sequence[tuple[WordVectors | None, int]]
                ) -> tuple[np.ndarray, np.ndarray]:
    """Each word's best similarity to the other side (rows of `sims`, one per word of
    `mine`) and the index of that word, counting the parts of the other side's
    compounds for the compound they are part of."""
    best, where = sims.max(axis=1), sims.argmax(axis=1)
    pieces, owner = _pieces(other)
    if pieces is None:
        return best, where
    by_piece = mine @ pieces.T
    better = by_piece.max(axis=1) > best
    return np.maximum(best, by_piece.max(axis=1)), np.where(better, owner[by_piece.argmax(axis=1)], where)


def _pieces(words: Sequence[tuple[WordVectors | None, int]]) -> tuple[np.ndarray | None, np.ndarray]:
    """The compound parts' vectors of a window's sentences, and the row of the word
    (in the window's word order) each belongs to."""
    rows: list[np.ndarray] = []
    owners: list[int] = []
    base = 0
    for wv, _ in words:
        if wv is None:
            continue
        if wv.pieces is not None and len(wv.piece_of):
            rows.append(wv.pieces)
            owners.extend(base + k for k in wv.piece_of)
        base += len(wv.spans)
    if not rows:
        return None, np.zeros(0, dtype=np.int64)
    return np.concatenate(rows), np.asarray(owners, dtype=np.int64)


def continuation(other_text: str, other_words: Sequence[tuple[WordVectors | None, int]],
                 own_text: str, own_words: Sequence[tuple[WordVectors | None, int]],
                 neighbour_text: str, neighbour_words: Sequence[tuple[WordVectors | None, int]],
                 min_chars: int, said: float) -> tuple[int, float]:
    """How far a neighbouring sentence continues a link: (content words of the link's other
    side that its own side does not say and the neighbour does, share of the neighbour's
    content words the other side says). A word is said by a text when its best match there
    reaches `said` (an exact match is 1).

    `own_*` is the link's window on the neighbour's side, `other_*` the window on the other
    side; each pairs sentences' word vectors with their offsets in the text, as
    `word_coverage` takes them. "Both countries have rejected this claim, although there is
    considerable evidence of such transfers." next to a link whose candidate stopped at
    "... supplying Moscow with weapons." says 6 of the original's words the link does not
    ("countries", "denied", "significant", "evidence", ...) and 6 of its 7 words are the
    original's."""
    _, by_own = word_coverage(other_text, other_words, own_text, own_words, min_chars, said)
    neighbour_said, by_neighbour = word_coverage(other_text, other_words, neighbour_text, neighbour_words,
                                                 min_chars, said)
    if not neighbour_said or len(by_own) != len(by_neighbour):
        return 0, 0.0
    new = sum(1 for o, n in zip(by_own, by_neighbour, strict=True) if o.similarity < said <= n.similarity)
    return new, sum(1 for w in neighbour_said if w.similarity >= said) / len(neighbour_said)


def _word_spans(text: str, words: Sequence[tuple[WordVectors | None, int]]) -> list[Span]:
    """Every word with vectors, in document offsets, in the order of the vector rows."""
    return [Span(off + s, off + e, text[off + s : off + e]) for wv, off in words if wv is not None
            for s, e in wv.spans]


def score_link(similarity: float, original: str, candidate: str, drift: list[WordMatch],
               settings: MetricSettings, coverage: list[WordMatch] | None = None) -> LinkScore:
    """All metrics of one link."""
    chrf, bleu, ter = lexical_scores(original, candidate, settings)
    o_len, c_len = max(len(original.split()), 1), len(candidate.split())
    return LinkScore(similarity=round(similarity, 4), chrf=chrf, bleu=bleu, ter=ter,
                     length_ratio=round(c_len / o_len, 3), word_drift=drift, word_coverage=coverage or [])


