"""The one entry point: `Auditor` runs clean -> segment -> embed -> align -> score ->
check -> flag -> report. The CLI, the service and the dashboard all call it.

    auditor = Auditor()                      # loads the model once
    report = auditor.audit(original, candidate)
    ranked = auditor.match(candidate, {"cnn": original, ...})
    for item_id, result in auditor.audit_many(pairs): ...   # batched encoding
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from scoring import __version__, checks, languages
from scoring.align import ContinuationTest, Unit, align
from scoring.checks import DocumentNames, check_link
from scoring.checks.base import Scope
from scoring.clean import check_text, clean, detect_language, mask_tags
from scoring.config import AlignCosts, AuditConfig, cross_costs, cross_thresholds
from scoring.drift import DriftModel, link_features
from scoring.embed import Embedder, WordVectors, load_embedder
from scoring.embed_multilingual import (
    E5_MODEL,
    MULTILINGUAL_MODEL,
    MultilingualEmbedder,
    model_languages,
    multilingual_name,
)
from scoring.errors import AuditTooLong, DriftauditError, InputTooLarge, LanguageMismatch, ModelUnavailable
from scoring.flag import ScoredLink, link_flags, unaligned_flags, untranslated_flags
from scoring.glossary import glossary_flags
from scoring.match import doc_vector, rank_originals
from scoring.policy import Policy
from scoring.relation import Relation, relate
from scoring.report import Languages, Report, build_report
from scoring.score import continuation, score_link, word_coverage
from scoring.segment import segment
from scoring.suppress import suppress
from scoring.types import SEVERITY_RANK, Document, Flag, Link, Side

# Cross-language pairs are refused (when no multilingual encoder is configured) only
# when both sides are long enough for language identification to be trusted.
LANGUAGE_CHECK_MIN_LETTERS = 200
# ... or, shorter, when the identifier is sure of both sides, they differ and each has at
# least this many letters: a one-sentence pair in two languages read with the English
# model comes out "unrelated" with no flags, which is worse than the multilingual
# encoder on a pair that turns out to be in one language. Both sides read as one
# language other than English need as many ("(Correspondent: Wang Jinyue)" reads as Hausa).
SURE_LANGUAGE_MIN_LETTERS = 40
# Two sides written in two scripts (Latin and Han, Cyrillic and Greek) are two languages
# from this many letters on (a Chinese sentence has a third of an English one's letters).
SCRIPT_LANGUAGE_MIN_LETTERS = 10
# The drift model of links between two languages, fitted on English-German MQM judgements.
CROSS_DRIFT_MODEL_PATH = Path(__file__).with_name("models") / "drift-usem3-xling.json"
# Pairs in one language other than English: the multilingual encoder's evidence means
# something else when both sides share a language (an identical sentence is 1.0).
MONO_DRIFT_MODEL_PATH = Path(__file__).with_name("models") / "drift-usem3-mono.json"
# A document's vector in the fallback encoder's space is read from its first sentences.
FALLBACK_LEAD_UNITS = 12
# ... and at most this many of the fallback encoder's tokens of them (12 sentences of news are
# some 400; 12 "sentences" of digits or stacked accents could be 12,000, a minute of its work)
FALLBACK_LEAD_TOKENS = 2048
# Each multilingual encoder's own drift models (two languages, one language), fitted on
# the same judgements read through it.
SHIPPED_DRIFT_MODELS: dict[str, tuple[Path, Path]] = {
    MULTILINGUAL_MODEL: (CROSS_DRIFT_MODEL_PATH, MONO_DRIFT_MODEL_PATH),
    E5_MODEL: (Path(__file__).with_name("models") / "drift-e5-xling.json",
               Path(__file__).with_name("models") / "drift-e5-mono.json"),
}


# One pair for `Auditor.audit_many`: (id, original, candidate), or with the two sides'
# languages (ISO 639-1, None where they are to be identified).
Pair = tuple[str, str, str] | tuple[str, str, str, str | None, str | None]


ENGLISH = "en"  # the language of the bundled model, its drift model and the one-language checks


@dataclass(frozen=True)
class AuditPath:
    """The parts an audit runs with: English pairs use the configured model; pairs in
    two languages, or in one other than English, the multilingual encoder, its drift
    model and the language-table checks. `languages` is (original, candidate) on that
    path (the same code twice for a pair in one language other than English)."""

    embedder: Embedder
    drift_model: DriftModel
    config: AuditConfig
    languages: tuple[str, str] | None = None
    warnings: tuple[str, ...] = ()  # what the report should say about the languages

    @property
    def scope(self) -> Scope:
        return "cross" if self.languages else "same"


def model_text(doc: Document, index: int) -> str:
    """What the model reads for a sentence: tags masked, same length as the sentence."""
    s = doc.sentences[index]
    return mask_tags(s.text)


class _OneBlasThread:
    """numpy's BLAS on one thread while audits run.

    Alignment and word matching multiply small matrices (tens of rows by 384); on two
    threads OpenBLAS spends longer waking and syncing its second thread than computing,
    and its spinning thread competes with the encoder's. Only numpy's BLAS is limited
    (torch has its own thread pool); the original limit is restored when the last
    audit in the process leaves.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._controller: Any = None
        self._limiter: Any = None

    def prepare(self) -> None:
        """Find the BLAS libraries once (threadpoolctl scans the loaded libraries)."""
        with self._lock:
            if self._controller is None:
                try:
                    from threadpoolctl import ThreadpoolController

                    self._controller = ThreadpoolController()
                except Exception:  # pragma: no cover - threadpoolctl is a dependency
                    self._controller = False

    def __enter__(self) -> None:
        self.prepare()
        with self._lock:
            if self._depth == 0 and self._controller:
                self._limiter = self._controller.limit(limits=1, user_api="blas")
            self._depth += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._limiter is not None:
                self._limiter.restore_original_limits()
                self._limiter = None


_ONE_BLAS_THREAD = _OneBlasThread()


class _Budget:
    """The time an audit may take: `check()` raises AuditTooLong once it is spent."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise AuditTooLong(f"the audit took longer than {self.seconds:g} s and was stopped",
                               "split the article into parts, or raise the limit (DRIFTAUDIT_MAX_AUDIT_SECONDS)")


class _Recent:
    """The last `size` values computed from texts of at most `max_chars` characters, by
    text: an original audited against many candidates is cleaned, segmented and indexed
    once. Safe to share between threads."""

    def __init__(self, size: int = 16, max_chars: int = 200_000) -> None:
        self.size, self.max_chars = size, max_chars
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str, make: Callable[[], Any]) -> Any:
        if len(text) > self.max_chars:
            return make()
        with self._lock:
            if text in self._items:
                self._items.move_to_end(text)
                return self._items[text]
        value = make()  # outside the lock: a long document does not hold up the others
        with self._lock:
            self._items[text] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


@dataclass(frozen=True)
class Prepared:
    """A cleaned, segmented document; `vectors` (one row per aligned unit) when known."""

    document: Document
    texts: tuple[str, ...]  # model text per sentence index
    vectors: np.ndarray | None = None


class Auditor:
    """Audits article pairs and ranks candidate originals with one loaded model."""

    def __init__(self, config: AuditConfig | None = None, embedder: Embedder | None = None,
                 cross_lingual: bool = False, drift_model: DriftModel | None = None) -> None:
        self.config = config or AuditConfig()
        self.embedder: Embedder = embedder or load_embedder(
            self.config.model, self.config.device, self.config.batch_size, self.config.metrics.token_layer,
            self.config.encoder, self.config.cache_dir)
        self.cross_lingual = cross_lingual
        self.drift_model = drift_model or DriftModel.load(self.config.drift_model or None)
        graph = getattr(self.embedder, "graph_format", None)  # an ONNX graph's export, in the signature
        signed = replace(self.config, encoder=f"{self.config.encoder}-g{graph}") if graph else self.config
        self._same_path = AuditPath(self.embedder, self.drift_model, signed)
        # per multilingual encoder, loaded on the first pair that needs it:
        # (encoder, drift model for two languages, drift model for one)
        self._cross_parts: dict[str, tuple[Embedder, DriftModel, DriftModel]] = {}
        self._cross_lock = threading.Lock()
        # documents (and their names) of recent audits: frozen values, so shared as they are
        self._prepared = _Recent()
        self._names = _Recent()
        _ONE_BLAS_THREAD.prepare()

    def clear_cache(self) -> None:
        """Forget every cached vector, prepared document and name index."""
        for embedder in (self.embedder, *(parts[0] for parts in self._cross_parts.values())):
            clear = getattr(embedder, "clear_cache", None)  # a caller's own embedder may keep none
            if clear is not None:
                clear()
        self._prepared.clear()
        self._names.clear()

    def document_names(self, document: Document) -> DocumentNames:
        """The name index of a document (built once for recent documents)."""
        return self._names.get(document.text, lambda: DocumentNames(document.text))

    def signature(self, path: AuditPath | None = None) -> dict[str, Any]:
        """The signature every report and match result carries (of `path`'s parts)."""
        path = path or self._same_path
        m = path.drift_model
        drift = {"name": m.name, "hash": m.digest, "bands": dict(m.bands), "trained_on": m.trained_on}
        signature = path.config.signature(__version__, drift, checks.signature(path.scope))
        if path.languages:
            pair = "-".join(path.languages)
            signature |= {"languages": pair, "short": f"{signature['short']}|langs:{pair}"}
        return signature

    def path_for(self, o: Document, c: Document, original_lang: str | None = None,
                 candidate_lang: str | None = None) -> AuditPath:
        """The parts to audit this pair with: the configured model when both sides are
        in English (or a side's language is unknown, or identified on too little text to
        trust), the multilingual encoder when they differ or share another language.
        Languages given by the caller win over identified ones."""
        original_lang = languages.language_code(original_lang) if original_lang else None
        candidate_lang = languages.language_code(candidate_lang) if candidate_lang else None
        # languages given for both sides, or for one while the other is identified, are
        # trusted whatever the length; identification alone only on long enough texts
        given = bool((original_lang or o.language) and (candidate_lang or c.language)
                     and (original_lang or candidate_lang))
        letters = [sum(ch.isalpha() for ch in d.text) for d in (o, c)]
        # ... or both short sides read as the same language other than English
        same_other = (bool(o.language) and o.language == c.language and o.language != ENGLISH
                      and min(letters) >= SURE_LANGUAGE_MIN_LETTERS)
        trusted = (given or min(letters) >= LANGUAGE_CHECK_MIN_LETTERS or same_other
                   or _surely_two_languages(o, c, min(letters)))
        o_code, c_code = original_lang or o.language or "", candidate_lang or c.language or ""
        mixed = "" if candidate_lang or not o_code or c_code != o_code else _partly_in(c, o_code)
        if mixed and trusted:  # a translation that left much of the original's language in place
            path = self._path(o_code, mixed, trusted)
            if path.languages:
                mixed_warning = (f"the candidate is partly in '{mixed}' and partly in '{o_code}': audited as a "
                                 f"translation into '{mixed}'")
                return replace(path, warnings=(*path.warnings, mixed_warning))
        path = self._path(o_code, c_code, trusted)
        # a given language the text clearly is not: said in the report, the caller's word kept
        doubts = tuple(f"the {name} was given as '{code}' but reads as '{doc.language}'"
                       for name, code, doc, n in (("original", original_lang, o, letters[0]),
                                                  ("candidate", candidate_lang, c, letters[1]))
                       if code and doc.language and doc.language != code and n >= LANGUAGE_CHECK_MIN_LETTERS)
        return replace(path, warnings=(*path.warnings, *doubts)) if doubts else path

    def path_for_languages(self, original_lang: str, candidate_lang: str) -> AuditPath:
        """The parts a pair in these two languages is audited with."""
        return self._path(languages.language_code(original_lang), languages.language_code(candidate_lang), True)

    def _path(self, o_lang: str, c_lang: str, trusted: bool) -> AuditPath:
        """Raises LanguageMismatch for a trusted pair in two languages when no
        multilingual encoder is configured (and the model is not said to be one). A pair
        in one language other than English goes the multilingual way too, with that
        language's tables, unless the configured model is said to be multilingual: the
        bundled model, its drift model and the one-language checks are English."""
        if not o_lang or not c_lang or not trusted or (o_lang == c_lang and o_lang == ENGLISH):
            return self._same_path
        if self.cross_lingual and not self.config.multilingual_model:
            return self._same_path  # the configured model is multilingual: the caller said so
        if not self.config.multilingual_model:
            if o_lang == c_lang:
                return replace(self._same_path, warnings=(
                    f"both texts read as '{o_lang}' and {self.config.model} reads English: its similarities "
                    "and the one-language checks are unreliable here (turn the multilingual encoder on to "
                    "audit this language with its own tables)",))
            raise LanguageMismatch(f"the original is in '{o_lang}' and the candidate in '{c_lang}'; "
                                   f"model {self.config.model} compares texts in one language",
                                   "turn the bundled multilingual encoder back on (unset DRIFTAUDIT_MULTILINGUAL_MODEL "
                                   "or set it to use-multilingual-v3)")
        if self.cross_lingual and o_lang == c_lang:
            return self._same_path
        model, fallback_warnings = self._multilingual_for(o_lang, c_lang)
        embedder, drift, mono_drift = self._cross(model)
        config = replace(self.config, model=model, encoder=getattr(embedder, "version", "numpy"),
                         costs=cross_costs(self.config.costs, model))
        if o_lang == c_lang:  # the relation thresholds stay the one-language ones
            return AuditPath(embedder, mono_drift, config, (o_lang, c_lang), fallback_warnings)
        config = replace(config, thresholds=cross_thresholds(self.config.thresholds, model))
        known = getattr(embedder, "languages", None)
        unknown = [lang for lang in (o_lang, c_lang) if known is not None and lang not in known]
        warnings = tuple(f"the multilingual encoder {config.model} was not trained on '{lang}': its similarities "
                         f"for this pair are unreliable (a faithful translation may read as unrelated)"
                         for lang in unknown)
        return AuditPath(embedder, drift, config, (o_lang, c_lang), (*fallback_warnings, *warnings))

    def _multilingual_for(self, o_lang: str, c_lang: str) -> tuple[str, tuple[str, ...]]:
        """The multilingual encoder for a pair: the configured one, or the fallback one
        when a side's language is one the configured encoder was not trained on and the
        fallback reads both (and loads here); with a warning when the fallback was
        wanted but cannot be used."""
        primary = multilingual_name(self.config.multilingual_model)
        fallback = multilingual_name(self.config.multilingual_fallback_model)
        pair = {o_lang, c_lang}
        if not fallback or fallback == primary or pair <= model_languages(primary):
            return primary, ()
        if not pair <= model_languages(fallback):
            return primary, ()
        try:
            self._cross(fallback)
        except ModelUnavailable as exc:
            return primary, (f"{fallback} reads '{'/'.join(sorted(pair - model_languages(primary)))}' but cannot "
                             f"be used here ({exc.message}): audited with {primary}",)
        return fallback, ()

    def _cross(self, model: str) -> tuple[Embedder, DriftModel, DriftModel]:
        """The multilingual encoder `model` and its two drift models, loaded on first use
        (the configured drift model files apply to the configured encoder only)."""
        with self._cross_lock:
            if model not in self._cross_parts:
                from scoring.embed_multilingual import load_multilingual

                cross_path, mono_path = SHIPPED_DRIFT_MODELS[model]
                if model == multilingual_name(self.config.multilingual_model):
                    cross_path = Path(self.config.cross_drift_model) if self.config.cross_drift_model else cross_path
                    mono_path = Path(self.config.mono_drift_model) if self.config.mono_drift_model else mono_path
                embedder = load_multilingual(model)  # first: an encoder that cannot load raises here
                self._cross_parts[model] = (embedder, DriftModel.load(cross_path), DriftModel.load(mono_path))
            return self._cross_parts[model]

    # -- stages 1-2 ---------------------------------------------------------------
    def prepare(self, raw: str, name: str = "input") -> Prepared:
        """Clean and segment one document, refusing what is empty or too large."""
        limits = self.config.limits
        check_text(raw, name=name, max_chars=limits.max_chars)
        return self._prepared.get(raw, lambda: self._prepare(raw, name))

    def _prepare(self, raw: str, name: str) -> Prepared:
        limits = self.config.limits
        try:
            document = segment(clean(raw))
        except DriftauditError as exc:
            exc.message = f"{name}: {exc.message}"
            raise
        if len(document.sentences) > limits.max_sentences:
            raise InputTooLarge(f"{name} has {len(document.sentences):,} sentences, more than {limits.max_sentences:,}",
                                "split the article or raise the limit (DRIFTAUDIT_MAX_SENTENCES)")
        if not any(s.kind != "boilerplate" for s in document.sentences):
            from scoring.errors import EmptyInput

            raise EmptyInput(f"{name} has no article text (everything in it looks like site furniture)",
                             "give the article body; navigation, bylines and footers alone cannot be audited")
        return Prepared(document, tuple(model_text(document, s.index) for s in document.sentences))

    # -- stages 3-8 ---------------------------------------------------------------
    def audit(self, original: str, candidate: str, policy: Policy | None = None,
              original_lang: str | None = None, candidate_lang: str | None = None) -> Report:
        """Audit `candidate` against `original` (plain text or HTML); the report. `policy`:
        the newsroom's glossary and suppression rules for this candidate's outlet.
        `original_lang` / `candidate_lang` (ISO 639-1) override language identification."""
        o = self.prepare(original, "original")
        c = self.prepare(candidate, "candidate")
        return self.audit_prepared(o, c, policy, original_lang, candidate_lang)

    def audit_prepared(self, o: Prepared, c: Prepared, policy: Policy | None = None,
                       original_lang: str | None = None, candidate_lang: str | None = None) -> Report:
        path = self.path_for(o.document, c.document, original_lang, candidate_lang)
        with _ONE_BLAS_THREAD:
            return self._audit_prepared(o, c, policy or Policy(), path)

    def _audit_prepared(self, o: Prepared, c: Prepared, policy: Policy, path: AuditPath) -> Report:
        budget = _Budget(self.config.limits.max_audit_seconds)
        embedder = path.embedder
        if path.languages:
            warnings: list[str] = list(path.warnings)
            o = Prepared(o.document, o.texts)  # stored vectors are the one-language model's
            c = Prepared(c.document, c.texts)
        else:
            warnings = list(path.warnings) or self._language_warnings(o.document, c.document)
        o_units, c_units = units(o.document), units(c.document)
        # One call encodes every sentence, and the audit keeps their word vectors itself:
        # the embedder's cache is bounded and shared, so a long article or another audit
        # running at the same time may evict them before the links are scored.
        o_texts, c_texts = [o.texts[u.index] for u in o_units], [c.texts[u.index] for u in c_units]
        texts = o_texts + c_texts
        word_table = _word_table(path, o_texts, c_texts)
        vectors = embedder.encode(texts)  # found in the cache the call above just filled
        if o.vectors is None:
            o = Prepared(o.document, o.texts, vectors[: len(o_units)])
        if c.vectors is None:
            c = Prepared(c.document, c.texts, vectors[len(o_units) :])
        masked = (mask_tags(o.document.text), mask_tags(c.document.text))
        links = self._align(o, c, o_units, c_units, embedder, path.config.costs,
                            None if path.languages else masked)
        cfg = path.config
        o_doc, c_doc = o.document, c.document
        assert o.vectors is not None and c.vectors is not None
        topic = float(doc_vector(o.vectors) @ doc_vector(c.vectors))
        relation = relate(o_doc, c_doc, links, topic, cfg.thresholds)
        o_names = self.document_names(o_doc)  # names the candidate makes explicit are looked up here
        c_names = self.document_names(c_doc) if path.languages else None  # ... and across languages the reverse
        budget.check()
        scored = []
        for link in relation.links:
            scored.append(self._score_link(o, c, link, o_names, masked, word_table, path, c_names))
            budget.check()
        flags: list[Flag] = []
        word_level = not any(lang in languages.UNSPACED for lang in path.languages or ())
        for k, s in enumerate(scored):
            flags.extend(link_flags(k, s, o_doc, c_doc, cfg.thresholds, path.drift_model.severity,
                                    rewrite=relation.kind == "rewrite", word_level=word_level))
        in_scope_o, in_scope_c = _scope(o_doc, c_doc, relation)
        aligned_o = {i for link in relation.links for i in link.original}
        aligned_c = {j for link in relation.links for j in link.candidate}
        flags.extend(unaligned_flags("original", [s for s in o_doc.sentences
                                                  if s.index in in_scope_o and s.index not in aligned_o], cfg.thresholds))
        flags.extend(unaligned_flags("candidate", [s for s in c_doc.sentences
                                                   if s.index in in_scope_c and s.index not in aligned_c], cfg.thresholds))
        source, target = path.languages or (o_doc.language, None)
        untranslated = untranslated_flags(c_doc, source, cfg.thresholds, in_scope_c,
                                          target if target != source else None)
        # a sentence left in another language is said once, as untranslated, not also as drifted
        left = {j for f in untranslated for j in f.sentences}
        flags = [f for f in flags if not (f.category == "mistranslation" and f.side == "candidate"
                                          and f.sentences and set(f.sentences) <= left)]
        flags.extend(untranslated)
        flags = _dedupe(flags)
        if policy.glossary:
            def words_of(side: Side, index: int) -> WordVectors | None:
                return word_table.get((o if side == "original" else c).texts[index])

            flags.extend(glossary_flags(policy.glossary, o_doc, c_doc, [s.link for s in scored], words_of))
        suppress(flags, policy.rules)
        signature = self.signature(path)
        if policy:  # the glossary and rules this report was made under
            named = policy.signature()
            signature |= {"policy": named, "short": f"{signature['short']}|policy:g{named['glossary']}"
                                                     f"r{named['rules']}@{named['hash']}"}
        pair = None
        if path.languages:
            pair = Languages(original=path.languages[0], candidate=path.languages[1], model=path.embedder.name,
                              checked=all(languages.facts_checked(lang) for lang in path.languages))
        return build_report(o_doc, c_doc, scored, flags, cfg, __version__, signature, relation, warnings, pair)

    def _score_link(self, o: Prepared, c: Prepared, link: Link, o_names: DocumentNames,
                    masked: tuple[str, str], word_table: Mapping[str, WordVectors | None] | None = None,
                    path: AuditPath | None = None, c_names: DocumentNames | None = None) -> ScoredLink:
        """Stages 5-6 and the drift model on one link: metrics, word matching, checks,
        evidence and the probability of a major error."""
        path = path or self._same_path
        cfg = path.config
        o_doc, c_doc = o.document, c.document
        o_start, o_end = o_doc.sentences[link.original[0]].start, o_doc.sentences[link.original[-1]].end
        c_start, c_end = c_doc.sentences[link.candidate[0]].start, c_doc.sentences[link.candidate[-1]].end
        o_text, c_text = masked[0][o_start:o_end], masked[1][c_start:c_end]
        o_texts, c_texts = [o.texts[i] for i in link.original], [c.texts[j] for j in link.candidate]
        if word_table is None or any(t not in word_table for t in o_texts + c_texts):
            word_table = _word_table(path, o_texts, c_texts)
        o_words = list(zip([word_table[t] for t in o_texts], [o_doc.sentences[i].start for i in link.original],
                           strict=True))
        c_words = list(zip([word_table[t] for t in c_texts], [c_doc.sentences[j].start for j in link.candidate],
                           strict=True))
        function_words: frozenset[str] = frozenset()
        o_lang, c_lang = path.languages or ("", "")
        if path.languages and {c_doc.sentences[j].language for j in link.candidate} == {o_lang}:
            c_lang = o_lang  # sentences left in the original's language: checked as one language
        if path.languages:  # each side's own function words are never content
            function_words = languages.function_words(o_lang) | languages.function_words(c_lang)
        # numbers said in words on one side and in digits on the other are the same words, and
        # so are verbs of one synonym group ("put back" / "postponed")
        said = checks.words_said(o_text, o_start, c_text, c_start) if not path.languages \
            else (frozenset(), frozenset())
        drift, covered = word_coverage(masked[0], o_words, masked[1], c_words, cfg.thresholds.word_min_chars,
                                       cfg.thresholds.word_lost, function_words,
                                       languages.spelled_alike if path.languages else None, said)
        o_plain, c_plain = " ".join(o_text.split()), " ".join(c_text.split())
        metrics = score_link(link.similarity, o_plain, c_plain, drift, cfg.metrics, covered)
        findings = tuple(check_link(o_text, c_text, metrics.chrf, o_names, o_start, c_start, o_lang, c_lang,
                                    path.embedder.encode if path.languages else None, c_names))
        features = link_features(metrics, findings, len(o_plain.split()), len(c_plain.split()))
        return ScoredLink(link, metrics, findings, features, path.drift_model.probability(features))

    def _window_similarity(self, o: Prepared, o_idx: Sequence[int], c: Prepared, c_idx: Sequence[int],
                           embedder: Embedder | None = None) -> float:
        embedder = embedder or self.embedder
        vo, vc = embedder.encode([" ".join(o.texts[i] for i in o_idx), " ".join(c.texts[j] for j in c_idx)])
        return round(float(vo @ vc), 4)

    def pair_features(self, original: str, candidate: str, original_lang: str | None = None,
                      candidate_lang: str | None = None) -> tuple[dict[str, float], float]:
        """The evidence and drift probability of a pair read as one link of all its
        sentences: what `driftaudit calibrate` fits the drift model on."""
        o, c = self.prepare(original, "original"), self.prepare(candidate, "candidate")
        path = self.path_for(o.document, c.document, original_lang, candidate_lang)
        o_idx = tuple(u.index for u in units(o.document))
        c_idx = tuple(u.index for u in units(c.document))
        link = Link(o_idx, c_idx, self._window_similarity(o, o_idx, c, c_idx, path.embedder))
        masked = (mask_tags(o.document.text), mask_tags(c.document.text))
        with _ONE_BLAS_THREAD:
            scored = self._score_link(o, c, link, self.document_names(o.document), masked, None, path)
        return dict(scored.features), scored.probability

    def audit_many(self, pairs: Iterable[Pair], chunk: int = 32,
                   on_done: Callable[[int], None] | None = None
                   ) -> Iterator[tuple[str, Report | DriftauditError]]:
        """Audit (id, original, candidate) triples, or (id, original, candidate,
        original_lang, candidate_lang), in input order.

        Pairs are prepared `chunk` at a time and all their sentences encoded in one
        batched call before the pairs are aligned and scored. A bad pair yields its
        error and the run goes on.
        """
        buffer: list[tuple[str, Prepared | DriftauditError, Prepared | None, tuple[str | None, str | None]]] = []

        def flush() -> Iterator[tuple[str, Report | DriftauditError]]:
            texts: list[str] = []
            for _, o, c, _ in buffer:
                if isinstance(o, Prepared) and c is not None:
                    texts.extend(t for u in units(o.document) for t in [o.texts[u.index]])
                    texts.extend(t for u in units(c.document) for t in [c.texts[u.index]])
            if texts:
                self.embedder.encode(texts)
            for item_id, o, c, langs in buffer:
                if isinstance(o, DriftauditError):
                    yield item_id, o
                    continue
                assert c is not None
                try:
                    yield item_id, self.audit_prepared(o, c, None, *langs)
                except DriftauditError as exc:
                    yield item_id, exc
                if on_done:
                    on_done(1)
            buffer.clear()

        for item in pairs:
            item_id, original, candidate = item[0], item[1], item[2]
            langs = (item[3], item[4]) if len(item) == 5 else (None, None)
            try:
                buffer.append((item_id, self.prepare(original, "original"), self.prepare(candidate, "candidate"),
                               langs))
            except DriftauditError as exc:
                buffer.append((item_id, exc, None, langs))
                if on_done:
                    on_done(1)
            if len(buffer) >= chunk:
                yield from flush()
        yield from flush()

    # -- likely original ------------------------------------------------------------
    def match(self, candidate: str, originals: Mapping[str, str], top: int = 10) -> dict[str, Any]:
        """Rank `originals` by how much of `candidate` they explain.

        A document-vector prefilter keeps the `top` closest originals; each is then
        aligned sentence by sentence, and ranked by the share of the candidate's content
        words it explains times the mean similarity of those links. The best is
        `likely` only when both clear the thresholds.
        """
        c = self.prepare(candidate, "candidate")
        prepared: dict[str, Prepared] = {}
        errors: dict[str, str] = {}
        for key, text in originals.items():
            try:
                prepared[key] = self.prepare(text, f"original {key}")
            except DriftauditError as exc:
                errors[key] = str(exc)
        return self.match_prepared(c, prepared, top, errors)

    def match_prepared(self, c: Prepared, originals: Mapping[str, Prepared], top: int = 10,
                       errors: Mapping[str, str] | None = None) -> dict[str, Any]:
        """`match` on prepared documents (stored originals carry their vectors)."""
        return rank_originals(self, c, originals, top, errors)

    # -- stored embeddings ----------------------------------------------------------
    def unit_vectors(self, p: Prepared) -> np.ndarray:
        """Embeddings of the document's aligned units (content and headings), one row each.

        A store keeps these so a corpus of originals is never encoded twice; pass them
        back as `Prepared.vectors`.
        """
        if p.vectors is not None:
            return p.vectors
        return self.embedder.encode([p.texts[u.index] for u in units(p.document)])

    def doc_vector(self, p: Prepared) -> np.ndarray:
        """The normalised mean of the unit vectors: what a corpus index searches."""
        return doc_vector(self.unit_vectors(p))

    def multilingual_doc_vector(self, p: Prepared, fallback: bool = False) -> np.ndarray | None:
        """The document vector in the multilingual encoder's space (where a German
        original and its English republication meet), or None when none is configured.
        `fallback`: in the fallback encoder's space (a Czech republication), from the
        document's first FALLBACK_LEAD_UNITS sentences (that encoder reads ~40 a second),
        or None when it is off or cannot load here."""
        name = multilingual_name(self.config.multilingual_fallback_model if fallback else self.config.multilingual_model)
        if not name:
            return None
        try:
            embedder = self._cross(name)[0]
        except ModelUnavailable:
            if not fallback:
                raise
            return None
        texts = [p.texts[u.index] for u in units(p.document)]
        if fallback:  # its first sentences, and no more of them than FALLBACK_LEAD_TOKENS
            texts = texts[:FALLBACK_LEAD_UNITS]
            if isinstance(embedder, MultilingualEmbedder):
                texts = embedder.within(texts, FALLBACK_LEAD_TOKENS)
        return doc_vector(embedder.encode(texts))

    def reads_language(self, language: str) -> bool:
        """Whether the multilingual encoder was trained on `language` (else a pair with it
        goes to the fallback encoder)."""
        return not language or language in model_languages(self.config.multilingual_model or MULTILINGUAL_MODEL)

    def with_vectors(self, p: Prepared, path: AuditPath) -> Prepared:
        """`p` with the unit vectors of `path`'s encoder (stored vectors are the
        one-language model's: kept on that path, read again on the other)."""
        if path.languages:
            return Prepared(p.document, p.texts, path.embedder.encode([p.texts[u.index] for u in units(p.document)]))
        return Prepared(p.document, p.texts, self.unit_vectors(p))

    def align_prepared(self, o: Prepared, c: Prepared, path: AuditPath | None = None) -> list[Link]:
        """Stage 4 on two prepared documents (with `path`'s encoder): their links."""
        path = path or self._same_path
        o, c = self.with_vectors(o, path), self.with_vectors(c, path)
        masked = None if path.languages else (mask_tags(o.document.text), mask_tags(c.document.text))
        return self._align(o, c, units(o.document), units(c.document), path.embedder, path.config.costs, masked)

    # -- helpers --------------------------------------------------------------------
    def _align(self, o: Prepared, c: Prepared, o_units: Sequence[Unit], c_units: Sequence[Unit],
               embedder: Embedder | None = None, costs: AlignCosts | None = None,
               masked: tuple[str, str] | None = None) -> list[Link]:
        """Stage 4 with this auditor's encoder: the links of two prepared documents. With
        `masked` (both document texts as the score stage reads them; one language only) the
        aligner also reads words, to keep the halves of a sentence split in two together."""
        embedder = embedder or self.embedder
        costs = costs or self.config.costs
        o_vecs = o.vectors if o.vectors is not None else embedder.encode([o.texts[u.index] for u in o_units])
        c_vecs = c.vectors if c.vectors is not None else embedder.encode([c.texts[u.index] for u in c_units])

        def encode_window(windows: Sequence[tuple[str, Sequence[int]]]) -> list[np.ndarray]:
            texts = []
            for side, positions in windows:
                p, us = (o, o_units) if side == "original" else (c, c_units)
                texts.append(" ".join(p.texts[us[k].index] for k in positions))
            return list(embedder.encode(texts))

        # Reading every window the attach step may need in one call pays when the
        # encoder batches them or runs them side by side on several cores; an encoder
        # that runs one text at a time on one core would only read windows no decision needs.
        prefetch = getattr(embedder, "batch_size", 0) != 1 or getattr(embedder, "parallel_runs", 1) > 1
        continues = None if masked is None else _continuation_test(
            o, c, o_units, c_units, embedder, costs, masked, self.config.thresholds.word_min_chars)
        return align(o_vecs, c_vecs, o_units, c_units, costs, encode_window, prefetch, continues)

    def _language_warnings(self, o: Document, c: Document) -> list[str]:
        if not o.language or not c.language or o.language == c.language:
            return []
        return [f"the original reads as '{o.language}' and the candidate as '{c.language}', too short to be sure; "
                f"audited as one language with {self.config.model}: give both languages (original_lang and "
                f"candidate_lang) to audit them across languages"]


# A candidate with at least this share of its content (by letters) in another language
# than the original's is a translation into that language, whatever its main language.
MIXED_LANGUAGE_SHARE = 0.25


def _partly_in(doc: Document, main: str) -> str:
    """The language other than `main` that at least MIXED_LANGUAGE_SHARE of the
    document's content sentences are in, or ""."""
    letters: dict[str, int] = {}
    for s in doc.sentences:
        if s.kind == "content":
            n = sum(ch.isalpha() for ch in s.text)
            letters[s.language or ""] = letters.get(s.language or "", 0) + n
    total = sum(letters.values())
    others = [(n, lang) for lang, n in letters.items() if lang and lang != main]
    if not total or not others:
        return ""
    n, lang = max(others)
    return lang if n >= MIXED_LANGUAGE_SHARE * total else ""


def _surely_two_languages(o: Document, c: Document, letters: int) -> bool:
    """Whether two short documents read as two different languages (those they were
    identified as) with the identifier sure of each (or of the one in English), or
    written in two scripts."""
    if letters < SCRIPT_LANGUAGE_MIN_LETTERS or not o.language or not c.language or o.language == c.language:
        return False
    texts = [" ".join(s.text for s in doc.sentences if s.kind != "boilerplate") for doc in (o, c)]
    if languages.main_script(texts[0]) != languages.main_script(texts[1]):
        return True
    if letters < SURE_LANGUAGE_MIN_LETTERS:
        return False
    read = [detect_language(text) for text in texts]
    if any(code != doc.language for (code, _), doc in zip(read, (o, c), strict=True)):
        return False
    # both sure, or one surely English and the other read as another language (the
    # identifier is unsure of a Dutch sentence of 150 letters that reads as Dutch)
    return all(reliable for _, reliable in read) or any(code == ENGLISH and reliable for code, reliable in read)


def _continuation_test(o: Prepared, c: Prepared, o_units: Sequence[Unit], c_units: Sequence[Unit],
                       embedder: Embedder, costs: AlignCosts, masked: tuple[str, str],
                       min_chars: int) -> ContinuationTest:
    """The aligner's word test (`scoring.align.ContinuationTest`) on two prepared
    documents: `scoring.score.continuation` of the sentences' word vectors, each answer
    computed once."""
    answers: dict[tuple[str, int, tuple[int, ...], tuple[int, ...]], bool] = {}

    def words(p: Prepared, us: Sequence[Unit], positions: Sequence[int]) -> list[tuple[WordVectors | None, int]]:
        indices = [us[k].index for k in positions]
        return list(zip(embedder.words([p.texts[i] for i in indices]),
                        [p.document.sentences[i].start for i in indices], strict=True))

    def continues(side: str, k: int, o_idx: Sequence[int], c_idx: Sequence[int]) -> bool:
        key = (side, k, tuple(o_idx), tuple(c_idx))
        if key not in answers:
            o_side, c_side = (masked[0], words(o, o_units, o_idx)), (masked[1], words(c, c_units, c_idx))
            other, own, p, us, text = ((o_side, c_side, c, c_units, masked[1]) if side == "candidate"
                                       else (c_side, o_side, o, o_units, masked[0]))
            new, share = continuation(*other, *own, text, words(p, us, [k]), min_chars, costs.continue_similarity)
            answers[key] = new >= costs.continue_words and share >= costs.continue_share
        return answers[key]

    return continues


def _word_table(path: AuditPath, o_texts: Sequence[str], c_texts: Sequence[str]) -> dict[str, WordVectors | None]:
    """Word vectors of both sides' sentences by text; across languages, the parts of
    compound words of a side whose language writes them as one word too."""
    o_lang, c_lang = path.languages or ("", "")
    table = dict(zip(o_texts, path.embedder.words(o_texts, compounds=o_lang in languages.COMPOUNDING), strict=True))
    table.update(zip(c_texts, path.embedder.words(c_texts, compounds=c_lang in languages.COMPOUNDING), strict=True))
    return table


def units(doc: Document) -> list[Unit]:
    """The sentences the aligner sees: content and headings, boilerplate left out."""
    return [Unit(s.index, s.words, s.kind == "heading") for s in doc.sentences if s.kind != "boilerplate"]


def _scope(o: Document, c: Document, relation: Relation) -> tuple[set[int], set[int]]:
    """The sentences whose omission or addition is reported: all of them for a
    translation or rewrite, those within the audited stretch for partial reuse, none
    for unrelated documents."""
    if relation.kind in ("translation", "rewrite"):
        return {s.index for s in o.sentences}, {s.index for s in c.sentences}
    if not relation.links:
        return set(), set()
    o_lo = min(i for link in relation.links for i in link.original)
    o_hi = max(i for link in relation.links for i in link.original)
    c_lo = min(j for link in relation.links for j in link.candidate)
    c_hi = max(j for link in relation.links for j in link.candidate)
    return set(range(o_lo, o_hi + 1)), set(range(c_lo, c_hi + 1))


def _dedupe(flags: list[Flag]) -> list[Flag]:
    """One flag per (side, category, spans): checks may see the same thing twice; the
    most severe of them stands where the first stood ("'One' where the original says
    'Both'" over "number 'One' is not in the original")."""
    at: dict[tuple[str, str, tuple[tuple[int, int], ...], tuple[int, ...]], int] = {}
    out: list[Flag] = []
    for f in flags:
        key = (f.side, f.category, tuple((s.start, s.end) for s in f.spans), tuple(f.sentences))
        if key not in at:
            at[key] = len(out)
            out.append(f)
        elif SEVERITY_RANK[f.severity] > SEVERITY_RANK[out[at[key]].severity]:
            out[at[key]] = f
    return out


def audit(original: str, candidate: str, config: AuditConfig | None = None) -> Report:
    """One-call convenience: audit a pair with the default (or given) configuration."""
    return Auditor(config).audit(original, candidate)


def match(candidate: str, originals: Mapping[str, str], config: AuditConfig | None = None) -> dict[str, Any]:
    return Auditor(config).match(candidate, originals)
