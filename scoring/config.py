"""Every number that decides a score lives here, and every report carries them.

`AuditConfig.signature()` is to driftaudit what a sacrebleu signature is to BLEU: the
model, the metric settings, the alignment costs and the severity thresholds that
produced a report, so that the same configuration reproduces the same report.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# How the shipped thresholds were chosen; reports carry it in their signature.


@dataclass(frozen=True)
class AlignCosts:
    """Scores of the alignment dynamic program (`scoring.align`); higher is better.

    A link of an original window and a candidate window earns
    `(margin - link_floor) * size_weight` minus `merge_penalty` per extra sentence, where
    the margin is the similarity less the windows' background similarity.
    Leaving a sentence unaligned earns 0, so a link is only made where its similarity
    is above `link_floor`; headings and boilerplate cost nothing to skip.
    """

    link_floor: float = 0.25  # margin below which two windows are not counterparts
    background_prior: float = 0.15  # typical similarity of unrelated sentences (all-MiniLM-L6-v2)
    background_weight: float = 4.0  # how many sentences' worth the prior counts
    merge_penalty: float = 0.04  # per sentence beyond 1-1, so merges must earn their keep
    merge_floor_step: float = 0.05  # each extra sentence raises the margin a window needs
    max_window: int = 3  # largest window on either side (1-3, 3-1)
    merge_tolerance: float = 0.02  # a merge may lower the window similarity this much at most
    rescue_floor: float = 0.40  # second pass for moved paragraphs: stricter floor
    heading_floor: float = 0.40  # a heading links only to a close counterpart
    # A merged link keeps an end sentence only when the link read as one text with it is
    # closer than without it by more than this (so a dropped sentence is not carried along).
    keep_gain: float = 0.0
    attach_gain: float = 0.03  # an unaligned neighbour joins a link that it improves this much
    attach_floor: float = 0.35  # ... and that it is this similar to on its own
    # A sentence continues a link (the second half of a sentence the translator split) when
    # at least `continue_words` content words of the link's other side that its own side
    # does not say are said by it, and `continue_share` of its own content words are said by
    # the other side; a word is said by another when their similarity reaches
    # `continue_similarity`. Such a sentence is kept in a merged link and joins a link next
    # to it, whatever the window similarity says: read as one text, "... accused Pyongyang of
    # supplying Moscow with weapons." + "Both countries have rejected this claim, although
    # ..." came out less close to the one original sentence than the first half alone.
    continue_words: int = 3
    continue_share: float = 0.6
    continue_similarity: float = 0.6
    # Two sentences this similar are one text (an encoder gives one text one vector): linked
    # as if their margin were `link_floor + identical_margin`, whatever the background. In
    # a document of sentences that all look alike ("In round 3, the team scored 41 points."),
    # every sentence is close to all the others, and the margins of even identical texts
    # fall under the floor: an article audited against itself came out as partial reuse.
    identical_similarity: float = 0.9999
    identical_margin: float = 0.5
    # One sentence left on each side between two neighbouring links: counterparts from
    # this margin (the order of the documents vouches for them; a short sentence reads
    # poorly on its own, across languages most of all).
    gap_floor: float = 0.10
    # ... or from this raw similarity, whatever its margin (its background may be as high as
    # its similarity where all sentences look alike)
    gap_similarity: float = 0.80
    # A one-sentence original and a one-sentence candidate are linked whatever their
    # similarity (set across languages, where the encoders set a translation that says the
    # opposite far apart too: e5 0.00 for a Hungarian "nincs" added; unlinked, the pair came
    # out "unrelated" with no flag at all).
    link_single: bool = False


@dataclass(frozen=True)
class Thresholds:
    """Thresholds of the flag and relation decisions. A link's severity itself comes
    from the drift model's probability bands (`scoring.drift`)."""

    # Word-level localisation: contextual similarity of a word to its best counterpart
    # on the other side of the link.
    word_minor: float = 0.55  # candidate words below this are where a drifting link drifted
    word_lost: float = 0.60  # an original word no candidate word matches this well is lost
    word_lost_omission: float = 0.50  # ... and below this it is reported as left out
    word_min_chars: int = 3
    # A run of this many consecutive content words below `clause_word_sim` on one side
    # of a link is an invented (candidate) or dropped (original) clause.
    clause_word_sim: float = 0.50
    clause_run_words: int = 3
    # An unaligned content sentence (omission or addition) of at least this many
    # words is major; shorter ones are minor.
    unaligned_major_words: int = 6
    # A sentence in another language than its document is untranslated when it has at
    # least this many letters (shorter ones are furniture).
    untranslated_min_letters: int = 20
    # Relation of the two documents (`scoring.relation`).
    translation_coverage: float = 0.95  # share of the original linked in a translation
    translation_candidate_coverage: float = 0.90  # ... and of the candidate
    rewrite_coverage: float = 0.60  # both sides at least this linked: a rewrite
    strong_link_similarity: float = 0.85  # a sentence this close is carried over, not just on topic
    stretch_similarity: float = 0.70  # links next to a carried-over sentence join its stretch from here
    topic_similarity: float = 0.45  # document vectors this close: the same topic
    # `match`: an original is 'likely' when it explains this share of the candidate.
    likely_coverage: float = 0.50
    likely_similarity: float = 0.70


# Across languages the multilingual encoder puts a translated sentence lower than the
# one-language model puts a sentence taken over word for word. On the WMT21 MQM documents
# (`bench.quality.xalign`), a sentence and its translation reach 0.72 in 88% of en-de and
# 55% of zh-en pairs, two different sentences of the same article in 0.1%; 0.55 is below
# 95% of translations and above 99% of other sentences of the same article.
CROSS_STRONG_LINK_SIMILARITY = 0.72
CROSS_STRETCH_SIMILARITY = 0.55


# A heading and its translation sit lower still (short texts, often reworded).
CROSS_HEADING_FLOOR = 0.30
# One long Chinese sentence often becomes four English ones: the attach step (which reads
# the sentences together) may grow a link to four sentences on one side.
CROSS_MAX_WINDOW = 4
CROSS_ATTACH_FLOOR = 0.20


# multilingual-e5-small's centred space puts translations lower still (median 0.62 on 600
# WMT21 en-de source/reference pairs, USE v3 0.77). Its thresholds are USE's moved to the same
# share of those translations: 0.56 is reached by 71% of them (USE's 0.72: 71%) and by 0.3%
# of their neighbouring sentences; 0.42 by 93% (1.5% of neighbours); an original is likely at
# a mean link similarity of 0.45 (the Czech, Swedish, Hungarian, Danish, Romanian and
# Ukrainian stories of samples/: 0.47-0.65).
# Its margins over a document's background are narrower too (a translation's median
# margin is about 0.6 of USE's), so its link floors are lower: on 30 WMT21 zh-en documents
# read through e5 (`bench.quality.xalign --limit 30 --multilingual-model
# multilingual-e5-small`) link F1 rose from 0.954 to 0.985 with these floors (en-de 0.999 ->
# 0.997), and with edits (`--edited`) segments flagged wrongly fell from 37 to 7.
E5_LINK_FLOOR = 0.15
E5_RESCUE_FLOOR = 0.30
E5_STRONG_LINK_SIMILARITY = 0.56
E5_STRETCH_SIMILARITY = 0.42
E5_LIKELY_SIMILARITY = 0.45


def cross_costs(costs: AlignCosts, model: str = "use-multilingual-v3") -> AlignCosts:
    """`costs` with the alignment floors of the multilingual encoder `model`'s space."""
    costs = replace(costs, heading_floor=min(costs.heading_floor, CROSS_HEADING_FLOOR),
                    max_window=max(costs.max_window, CROSS_MAX_WINDOW),
                    attach_floor=min(costs.attach_floor, CROSS_ATTACH_FLOOR), link_single=True)
    if model == "multilingual-e5-small":
        costs = replace(costs, link_floor=min(costs.link_floor, E5_LINK_FLOOR),
                        rescue_floor=min(costs.rescue_floor, E5_RESCUE_FLOOR))
    return costs


def cross_thresholds(t: Thresholds, model: str = "use-multilingual-v3") -> Thresholds:
    """`t` with the relation thresholds of the multilingual encoder `model`'s space."""
    if model == "multilingual-e5-small":
        return replace(t, strong_link_similarity=E5_STRONG_LINK_SIMILARITY, stretch_similarity=E5_STRETCH_SIMILARITY,
                       likely_similarity=min(t.likely_similarity, E5_LIKELY_SIMILARITY))
    return replace(t, strong_link_similarity=CROSS_STRONG_LINK_SIMILARITY,
                   stretch_similarity=CROSS_STRETCH_SIMILARITY)


@dataclass(frozen=True)
class MetricSettings:
    """How the per-link metrics are computed (sacrebleu sentence-level settings)."""

    chrf_char_order: int = 6
    chrf_word_order: int = 0
    chrf_beta: int = 2
    bleu_smooth: str = "exp"
    ter_case_sensitive: bool = False
    ter_max_words: int = 300  # longer windows get the plain word edit rate (TER without shifts)
    token_layer: int = 4  # hidden layer used for word-level localisation


@dataclass(frozen=True)
class MQMWeights:
    """Penalty points per flag severity; the score is points per 100 candidate words."""

    minor: float = 1.0
    major: float = 5.0
    critical: float = 10.0


@dataclass(frozen=True)
class Limits:
    """Input limits: anything above is refused with a clear error, never truncated."""

    max_chars: int = 2_000_000
    max_sentences: int = 5_000
    max_audit_seconds: float = 300.0  # an audit still running after this is stopped with AuditTooLong


@dataclass(frozen=True)
class AuditConfig:
    model: str = DEFAULT_MODEL
    encoder: str = "onnx-int8"  # backend running the model: onnx-int8, onnx-fp32 or torch (scoring.embed)
    drift_model: str = ""  # path of a `driftaudit calibrate` file; "" is the one shipped
    # Pairs in two languages: the multilingual encoder ("" refuses them) and its drift model.
    multilingual_model: str = "use-multilingual-v3"
    cross_drift_model: str = ""  # "" is the one shipped (fitted on English-German MQM judgements)
    # Pairs with a language the multilingual encoder was not trained on go to this one
    # when it reads both ("" keeps the multilingual encoder, with a warning).
    multilingual_fallback_model: str = "multilingual-e5-small"
    # Pairs in one language other than English: their drift model ("" the one shipped, fitted
    # on German-German pairs read from the same judgements).
    mono_drift_model: str = ""
    cache_dir: str = ""  # where ONNX graphs are exported; "" is $DRIFTAUDIT_CACHE_DIR or the user's cache
    device: str = "cpu"
    batch_size: int = 64
    costs: AlignCosts = field(default_factory=AlignCosts)
    thresholds: Thresholds = field(default_factory=Thresholds)
    metrics: MetricSettings = field(default_factory=MetricSettings)
    mqm: MQMWeights = field(default_factory=MQMWeights)
    limits: Limits = field(default_factory=Limits)

    def settings(self) -> dict[str, Any]:
        """All settings that influence a score, as plain data."""
        data = asdict(self)
        data.pop("device")
        data.pop("cache_dir")
        data.pop("batch_size")
        data.pop("limits")
        data.pop("drift_model")  # named by the signature's `drift` entry, with its content hash
        data.pop("cross_drift_model")
        data.pop("mono_drift_model")
        data.pop("multilingual_model")  # a cross-lingual report names it as its model
        data.pop("multilingual_fallback_model")
        return data

    def signature(self, version: str, drift: Mapping[str, Any], checks: str) -> dict[str, Any]:
        """Reproducibility signature: settings, the drift model (name, content hash,
        bands, what it was fitted on), the registered checks and a short hash of all."""
        settings = {**self.settings(), "drift": dict(drift), "checks": checks}
        digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:12]
        metrics = self.metrics
        short = (
            f"driftaudit:{version}|model:{self.model}@{self.encoder}|drift:{drift['name']}@{drift['hash']}"
            f"|chrF:c{metrics.chrf_char_order}w{metrics.chrf_word_order}b{metrics.chrf_beta}"
            f"|bleu:{metrics.bleu_smooth}|ter:cs{int(metrics.ter_case_sensitive)}m{metrics.ter_max_words}"
            f"|layer:{metrics.token_layer}"
            f"|checks:{checks}|cfg:{digest}"
        )
        return {"version": version, "short": short, "hash": digest, **settings}
