"""Untranslated fragments: a clause left in French, German, Spanish... inside an
English sentence, found by the function words of that language. Whole sentences in
another language are found by language identification (`scoring.flag`)."""

from __future__ import annotations

import re

from scoring import lexicon
from scoring.checks.base import Check, LinkContext, Token, register
from scoring.checks.names import english_vocabulary
from scoring.types import Finding, Span

_ELISION = re.compile(r"^(?:d|l|qu|j|n|s|c)'[a-zà-ÿ]", re.I)
_ENGLISH_STOP = frozenset(
    "the a an of and or to in on at for with by from as is are was were be been has have had that which who "
    "this these those it its their his her they he she we said says will would could should can may not but "
    "than then there into about after before over under while".split())
_CLAUSE_END = re.compile(r"[,.;:!?()\[\]\"“”]")


def _foreign_languages(word: str) -> tuple[set[str], bool]:
    """Languages whose function words include `word` and whether it is strong
    evidence (not also an English word)."""
    langs = {lang for lang, words in lexicon.FOREIGN_FUNCTION_WORDS.items() if word in words}
    if _ELISION.match(word):
        langs.add("fr")
    return langs, bool(langs) and word not in lexicon.ENGLISH_OVERLAP


def _check_untranslated(o_toks: list[Token], candidate: str, c_offset: int, c_toks: list[Token]) -> list[Finding]:
    """A clause left in French, German, Spanish... inside an English sentence: two
    function words of one language near each other (or one next to a number, an
    accented word or a word English does not have), not in the original."""
    o_words = {t.lower for t in o_toks}
    vocab = english_vocabulary()
    findings: list[Finding] = []
    covered = -1
    n = len(c_toks)
    info = [_foreign_languages(t.lower) for t in c_toks]
    for k, t in enumerate(c_toks):
        langs, strong = info[k]
        if not strong or t.start < covered or (t.text[:1].isupper() and k and not _ELISION.match(t.lower)):
            continue
        for lang in sorted(langs):
            hits = [k]
            # collect hits of the same language forward, with gaps of at most two
            # non-English words inside one clause
            j, last = k + 1, k
            while j < n and j - last <= 3:
                gap = candidate[c_toks[j - 1].end - c_offset : c_toks[j].start - c_offset]
                if _CLAUSE_END.search(gap) or (c_toks[j].lower in _ENGLISH_STOP and lang not in info[j][0]):
                    break
                if lang in info[j][0]:
                    hits.append(j)
                    last = j
                j += 1
            before = candidate[c_toks[k - 1].end - c_offset : t.start - c_offset] if k else ""
            weak_before = (k and lang in info[k - 1][0] and not _CLAUSE_END.search(before)
                           and c_toks[k - 1].lower not in ("a", "i"))
            first = k - 1 if weak_before else k
            nxt = c_toks[k + 1] if k + 1 < n else None
            after = candidate[t.end - c_offset : (nxt.start - c_offset) if nxt else len(candidate)]
            foreign_next = nxt is not None and not _CLAUSE_END.search(after) and (
                not nxt.text.isascii() or (vocab and nxt.lower not in vocab and not nxt.text[:1].isupper()))
            number_next = bool(re.match(r"\s+\d", after)) and len(t.lower) >= 2
            evidence = len(hits) + (1 if weak_before else 0) + (1 if _ELISION.match(t.lower) else 0)
            if evidence < 2 and not ((foreign_next or number_next) and len(t.lower) >= 2):
                continue
            if all(c_toks[h].lower in o_words for h in hits):
                continue  # the original has these words too (a name, a quotation)
            # the span: from the first foreign word to the clause's end or the next English word
            end_tok = max(hits[-1], k + 1 if foreign_next else k)
            while end_tok + 1 < n:
                gap = candidate[c_toks[end_tok].end - c_offset : c_toks[end_tok + 1].start - c_offset]
                if _CLAUSE_END.search(gap) or (c_toks[end_tok + 1].lower in _ENGLISH_STOP
                                               and lang not in info[end_tok + 1][0]):
                    break
                end_tok += 1
            end = c_toks[end_tok].end
            tail = re.match(r"[ \t]*[-\d][\d.,]*\d|[ \t]*\d+", candidate[end - c_offset :])
            if tail:
                end += tail.end()
            def joins(a: int, b: int) -> bool:
                """Token `a` belongs to the clause of token `b` (= a + 1)."""
                gap = candidate[c_toks[a].end - c_offset : c_toks[b].start - c_offset]
                return (not _CLAUSE_END.search(gap) and c_toks[a].text.islower()
                        and c_toks[a].lower not in _ENGLISH_STOP)

            while first > 0 and joins(first - 1, first):  # back over "pour discuter" in "pour discuter de ..."
                if lang in info[first - 1][0] or not c_toks[first - 1].text.isascii():
                    first -= 1
                elif (first > 1 and vocab and c_toks[first - 1].lower not in vocab and lang in info[first - 2][0]
                      and joins(first - 2, first - 1)):
                    first -= 2
                else:
                    break
            start = c_toks[first].start
            text = candidate[start - c_offset : end - c_offset]
            findings.append(Finding("untranslated", "major", (Span(start, end, text),),
                                    f"'{text}' is left in another language ({lang})", ""))
            covered = end
            break
    return findings


@register
class UntranslatedCheck(Check):
    """A clause in another language inside a candidate sentence."""

    name = "untranslated"
    version = 1

    def run(self, ctx: LinkContext) -> list[Finding]:
        return _check_untranslated(ctx.o_toks, ctx.candidate, ctx.c_offset, ctx.c_toks)
