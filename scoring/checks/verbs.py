"""Verbs: a main verb the candidate simply leaves out ("The novelist acknowledged Achebe as
his greatest influence" -> "The novelist Achebe as his greatest influence").

A rewording that does without a verb rebuilds its clause around another word; a verb cut
out from between two words the candidate keeps side by side ("novelist ... Achebe") is a
deletion, and what the sentence says of its subject is gone. Such a verb (a past form:
"-ed" or an irregular past, "won", "left"; or any verb cut out with its auxiliaries, "will
raise", "have recovered") is major where the windows otherwise say the
same thing closely (chrF >= `CLOSE_CHRF`), evidence (minor) in a loose rewording. The
word before it must be a content word, so that participles used as adjectives ("the
injured man", "of wounded soldiers") and verbs after an auxiliary ("was held in" / "was
in", a rewording) are not read as main verbs. English only.
"""

from __future__ import annotations

from scoring import lexicon
from scoring.checks.base import CLOSE_CHRF, Check, LinkContext, Token, register, verb_forms
from scoring.score import STOPWORDS
from scoring.types import Finding, Severity, Span

# Verbs that say who said something: "according to" answers them ("Diplomats said the
# talks ..." / "According to diplomats, the talks ...").
_REPORTING = frozenset("said told stated reported added noted explained wrote claimed".split())
# Auxiliaries (`lexicon.AUXILIARIES`) that may stand before a verb cut out with them ("will
# raise", "have recovered"), at most this many.
MAX_AUXILIARIES = 2
_EXISTENTIAL_REACH = 3  # words after "there is" that may be the subject it brings in ("no trains")
STEM = 5  # letters two words of one family share at least ("forecast" / "forecasters")
# Words in "-ed" that are no past forms.
_NOT_PAST = frozenset("indeed hundred need speed seed breed greed feed bleed sacred naked wicked kindred hatred "
                      "rugged ragged wretched beloved embed".split())


def _past_form(word: str) -> bool:
    """Does a lower-case word look like a verb's past form ("acknowledged", "won")?"""
    return word in lexicon.IRREGULAR_PAST or (len(word) >= 5 and word.endswith("ed") and word not in _NOT_PAST)


@register
class VerbCheck(Check):
    """An original past-form verb deleted from between two words the candidate keeps together."""

    name = "verb"
    # 2: a verb cut out with its auxiliaries ("will raise", "have recovered")
    # 3: an irregular past is found by its base form too ("were left" / "leaving")
    # 4: ... in the candidate too ("was given" / "gave")
    # 5: a verb said by its noun ("was stolen" / "the theft of", `lexicon.NOMINALISATIONS`), or
    # a clause rebuilt around "there is" ("no trains will run" / "there will be no trains")
    # 6: a verb said by a synonym ("was reduced" / "cut", "postponed" / "put back":
    # `lexicon.VERB_SYNONYMS`)
    version = 6

    def run(self, ctx: LinkContext) -> list[Finding]:
        o, c = ctx.o_toks, ctx.c_toks
        if len(o) < 3 or len(c) < 2:
            return []
        # the words either side of the gap, and one more on each side where there is one:
        # "novelist Achebe" alone may meet by chance ("from Spain would need to" / "from Spain
        # to Norway"); "Nigerian novelist Achebe as" does not
        edge = Token(-1, -1, "\x00")
        padded = [edge, *c, edge]
        kept_together = {(a.lower, b.lower, d.lower, e.lower) for a, b, d, e in
                         zip(padded, padded[1:], padded[2:], padded[3:], strict=False)}
        c_forms: set[str] = set()
        for t in c:
            c_forms.update(verb_forms(t.lower))  # "gave" answers "was given": both are "give"
        c_stems = {t.lower[:STEM] for t in c if len(t.lower) >= STEM}
        c_words = {t.lower for t in c}
        attributed = "according" in c_forms
        by_synonym = ctx.said_by_synonym[0]  # "was reduced" / "cut"
        # words the candidate says in a clause built around "there is / will be": "There will
        # be no trains between" says what "no trains will run between" does
        existential: set[str] = set()
        for j, t in enumerate(c):
            if t.lower == "there":
                k = j + 1
                while k < len(c) and k - j <= MAX_AUXILIARIES + 1 and c[k].lower in lexicon.AUXILIARIES:
                    k += 1
                if k > j + 1 and c[k - 1].lower in lexicon.BE_FORMS:  # "there will be", "there were"
                    existential.update(x.lower for x in c[k : k + _EXISTENTIAL_REACH])
        certain = ctx.chrf >= CLOSE_CHRF
        severity: Severity = "major" if certain else "minor"
        findings: list[Finding] = []
        o_padded = [edge, *o, edge]
        for k, before in enumerate(o[:-2]):
            if before.lower in STOPWORDS or not before.lower.isalpha():
                continue  # "the injured", "was held", "of wounded": not a main verb
            for size in range(1, MAX_AUXILIARIES + 2):
                if k + size + 1 >= len(o):
                    break
                *helpers, verb = o[k + 1 : k + 1 + size]
                after = o[k + 1 + size]
                if any(h.lower not in lexicon.AUXILIARIES for h in helpers):
                    break
                if verb.text != verb.lower or not verb.lower.isalpha():
                    continue  # a capitalised word ending in "-ed" is a name ("Mohamed")
                # alone a past form ("acknowledged"); after an auxiliary any verb ("will raise")
                if not (_past_form(verb.lower) if not helpers else verb.lower not in STOPWORDS):
                    continue
                if attributed and verb.lower in _REPORTING:
                    continue
                context = (o_padded[k].lower, before.lower, after.lower, o_padded[k + size + 3].lower)
                family = verb_forms(verb.lower)
                if context not in kept_together or family & c_forms \
                        or verb.lower[:STEM] in c_stems \
                        or any(lexicon.NOMINALISATIONS.get(form, frozenset()) & c_words for form in family):
                    continue  # not cut out, or said with a word of its family ("forecast" / "forecasters",
                    # "was stolen" / "the theft of")
                if before.lower in existential or verb.start in by_synonym:
                    continue  # "no trains will run" / "there will be no trains"
                first = helpers[0] if helpers else verb
                span = Span(first.start, verb.end, ctx.o_span_text(first.start, verb.end))
                findings.append(Finding("omission", severity, (span,),
                                        f"the candidate drops the verb '{span.text}' between '{before.text}' and "
                                        f"'{after.text}'", span.text, certain=certain, side="original"))
                break
        return findings
