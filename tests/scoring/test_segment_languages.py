"""Stage 2, segment: language-aware splitting (German, French, Spanish); English unchanged."""

from __future__ import annotations

import dataclasses
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.clean import clean
from scoring.segment import segment, split_spans
from scoring.types import Block, CleanText, Document

from ..conftest import SEED_NAMES


def sentences_of(text: str, language: str | None) -> list[str]:
    return [text[s:e] for s, e in split_spans(text, 0, len(text), language)]


def de(text: str) -> list[str]:
    return sentences_of(text, "de")


def check_offsets(doc: Document) -> None:
    last_end = 0
    for k, s in enumerate(doc.sentences):
        assert s.index == k
        assert 0 <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last_end, "sentences overlap or are out of order"
        last_end = s.end


def one_block(text: str, block_language: str | None, doc_language: str | None) -> CleanText:
    return CleanText(text, "text", (Block(0, len(text), "content", "", block_language),), doc_language)


# -- German abbreviations ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Viele Städte, z.B. Berlin und Hamburg, haben neue Regeln beschlossen.",
        "Viele Städte, z. B. Berlin und Hamburg, haben neue Regeln beschlossen.",
        "Die Regierung will u.a. Schulen und Krankenhäuser fördern.",
        "Die Regierung will u. a. Schulen und Krankenhäuser fördern.",
        "Er sprach mit u. a. Vertretern der Länder über die Lage.",
        "Sie bleiben bis 2025, d.h. Neuwahlen sind vorerst nicht geplant.",
        "Sie bleiben bis 2025, d. h. Neuwahlen sind vorerst nicht geplant.",
        "Das betrifft v.a. Familien mit kleinen Kindern.",
        "Das betrifft v. a. Familien mit kleinen Kindern.",
        "Gemeint sind Steuern o.ä. Abgaben auf den Verbrauch.",
        "Gemeint sind Steuern o. ä. Abgaben auf den Verbrauch.",
        "Die Stadt wurde im Jahr 15 v. Chr. Von den Römern gegründet.",
        "Die Stadt wurde im Jahr 15 v.Chr. Von den Römern gegründet.",
        "Der Kanzler bzw. Sein Sprecher wird am Abend Stellung nehmen.",
        "Es kamen ca. Tausend Menschen zu der Kundgebung am Rathaus.",
        "Es gab Reden, Musik usw. Nach dem Ende gingen alle nach Hause.",
        "Es gab Reden, Musik etc. Nach dem Ende gingen alle nach Hause.",
        "Dazu vgl. Kapitel drei des Berichts der Kommission.",
        "Das Haus Nr. 12 wurde bei dem Brand vollständig zerstört.",
        "Dr. Müller und Prof. Schmidt sprachen mit Hr. Meier und Fr. Weber.",
        "Die Kirche St. Marien steht in der Bahnhofstr. Neben dem Markt.",
        "Er wohnt in der Goethestr. 7 in Frankfurt.",
        "Im 19. Jh. Lebten hier nur wenige Familien.",
        "Das Projekt kostet 3 Mio. Euro, der Ausbau 2 Mrd. Euro.",
        "Die Kosten werden ggf. Erstattet, evtl. Auch rückwirkend.",
        "Der Preis inkl. Steuern und zzgl. Versand liegt bei 40 Euro.",
        "Manche Länder, bspw. Frankreich, haben andere Regeln.",
        "Die sog. Schuldenbremse gilt weiterhin.",
        "Nach Art. 5 Abs. 1 GG ist die Pressefreiheit geschützt.",
        "Das steht im Bd. 2 auf S. 17 des Kommentars.",
        "Die Hotline ist unter Tel. 030 123456 erreichbar.",
        "Anna Schmidt, geb. Weber, ist im Mai gestorben.",
        "Karl Meier, gest. März 1901, war Bürgermeister der Stadt.",
        "Die Frist endet am 15. Jan. Danach gelten neue Regeln.",
        "Der Vertrag lief von Feb. Bis Aug. Des Jahres.",
        "Die Messe findet im Sept. Oder im Okt. Statt, nicht im Nov. Oder Dez. Des Jahres.",
        "Die Firma Warner Bros. Discovery hat Inc. Und Ltd. im Namen.",
    ],
)
def test_german_abbreviations_do_not_split(text: str) -> None:
    assert de(text) == [text]


@pytest.mark.parametrize("abbreviation", ["Bzw.", "BZW.", "bzw.", "Usw.", "USW.", "Vgl.", "VGL.", "Z.B.", "Z. B."])
def test_german_abbreviations_ignore_case(abbreviation: str) -> None:
    text = f"Er nannte Gründe {abbreviation} Einwände gegen den Plan."
    assert de(text) == [text]


def test_german_abbreviation_then_sentence() -> None:
    text = "Er traf z. B. Dr. Weber am Montag. Prof. Schmidt war nicht da. Die Sitzung endete früh."
    assert de(text) == ["Er traf z. B. Dr. Weber am Montag.", "Prof. Schmidt war nicht da.", "Die Sitzung endete früh."]


def test_art_is_an_abbreviation_only_before_a_number() -> None:
    assert de("Das regelt Art. 20 des Grundgesetzes.") == ["Das regelt Art. 20 des Grundgesetzes."]
    assert de("Er erledigte es auf seine Art. Dann ging er.") == ["Er erledigte es auf seine Art.", "Dann ging er."]


def test_english_only_abbreviations_do_not_carry_over() -> None:
    """English abbreviations that are ordinary words elsewhere ("no") do not hold there."""
    assert sentences_of("Dijo que no. El fin llegó pronto.", "es") == ["Dijo que no.", "El fin llegó pronto."]
    assert sentences_of("Dijo que no. El fin llegó pronto.", None) == ["Dijo que no. El fin llegó pronto."]


def test_lowercase_umlaut_after_period_does_not_split() -> None:
    assert de("Die Gruppe zog ca. über die Brücke. Danach war Ruhe.") == [
        "Die Gruppe zog ca. über die Brücke.", "Danach war Ruhe."]
    assert len(de("Das Ende war nah. übrigens kam niemand.")) == 1


# -- German ordinal numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Am 3. Oktober feiern die Deutschen den Tag der Deutschen Einheit.",
        "Die Wahl findet am 24. September statt.",
        "Er wurde 1950 am 1. Januar in Wien geboren.",
        "Die Frist endet 31. Dezember um Mitternacht.",
        "In Wien endet sie am 31. Jänner.",
        "Der Vertrag gilt ab 1. Mai für alle Mitglieder.",
        "Das Treffen ist am 5. Okt. In Berlin geplant.",
        "Der 2. Weltkrieg endete 1945 in Europa.",
        "Zum 75. Jahrestag kamen viele Gäste nach Berlin.",
        "Im 19. Jahrhundert wuchs die Stadt schnell.",
        "Vom 3. Juli bis zum 8. August ist das Amt geschlossen.",
        "Die Fans feierten ihren 100. Geburtstag mit einem Fest.",
        "Seit 1. Januar gilt das neue Gesetz.",
        "Beim 3. Versuch klappte es endlich.",
        "Sie gewann die 5. Etappe und das Rennen.",
        "Zur 12. Sitzung des Ausschusses kam niemand.",
    ],
)
def test_german_ordinals_do_not_split(text: str) -> None:
    assert de(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Zahl der Toten stieg auf 12. Danach wurde es ruhig.",
         ["Die Zahl der Toten stieg auf 12.", "Danach wurde es ruhig."]),
        ("Das Spiel endete 3 zu 1. Die Fans jubelten.", ["Das Spiel endete 3 zu 1.", "Die Fans jubelten."]),
        ("Gezählt wurden 250. Mehr waren es nicht.", ["Gezählt wurden 250.", "Mehr waren es nicht."]),
        ("Die Zahl stieg auf 1250. Die Behörden warnten.", ["Die Zahl stieg auf 1250.", "Die Behörden warnten."]),
    ],
)
def test_german_sentence_ending_in_a_number_splits(text: str, expected: list[str]) -> None:
    assert de(text) == expected


def test_german_ordinal_and_number_end_in_one_text() -> None:
    text = "Am 9. November fiel die Mauer. Die Zahl der Flüchtlinge stieg auf 40. Im 20. Jahrhundert war das einmalig."
    assert de(text) == ["Am 9. November fiel die Mauer.", "Die Zahl der Flüchtlinge stieg auf 40.",
                        "Im 20. Jahrhundert war das einmalig."]


# -- German quotation marks ----------------------------------------------------------------


def test_german_quotes() -> None:
    text = ("Der Minister sagte: „Wir sehen eine wachsende Allianz.“ Dann verließ er den Saal. "
            "„Wir kommen zurück!“ Das versprach er. »Nein.« Sie blieb. ‚Gut.‘ Er lachte.")
    assert de(text) == [
        "Der Minister sagte: „Wir sehen eine wachsende Allianz.“",
        "Dann verließ er den Saal.",
        "„Wir kommen zurück!“",
        "Das versprach er.",
        "»Nein.«",
        "Sie blieb.",
        "‚Gut.‘",
        "Er lachte.",
    ]


def test_german_quote_spanning_sentences() -> None:
    text = "Er sagte: „Die Lage ist ernst. Wir handeln jetzt.“ Danach schwieg er."
    assert de(text) == ["Er sagte: „Die Lage ist ernst.", "Wir handeln jetzt.“", "Danach schwieg er."]


def test_german_quote_opening_after_terminal_punctuation() -> None:
    text = "Die Gespräche endeten. „Wir kommen wieder“, sagte der Minister. ‚Bald‘, fügte er hinzu."
    assert de(text) == ["Die Gespräche endeten.", "„Wir kommen wieder“, sagte der Minister.",
                        "‚Bald‘, fügte er hinzu."]


def test_without_a_language_a_low_opening_quote_opens_a_sentence() -> None:
    """The rules for languages without their own (Estonian, Romanian, Danish, ...) know the
    marks that open a quote („ ‚ »); only the German rules also know "“" as a closing mark."""
    text = "Er sagte: „Das ist gut.“ Dann ging er. „Komm!“ rief sie."
    assert sentences_of(text, None) == sentences_of(text, "en") == ["Er sagte: „Das ist gut.“ Dann ging er.",
                                                                     "„Komm!“ rief sie."]
    assert sentences_of("Ta ütles nii. „Me ei lahku,“ ütles ta. »Aldrig,« sagde hun.", "et") == [
        "Ta ütles nii.", "„Me ei lahku,“ ütles ta.", "»Aldrig,« sagde hun."]
    assert sentences_of("Strejken begyndte kl. 7 om morgenen.", "da") == ["Strejken begyndte kl. 7 om morgenen."]


# -- French and Spanish ---------------------------------------------------------------------


def test_french() -> None:
    text = ("M. Dupont et Mme. Durand sont arrivés hier. Mlle. Martin les attendait. "
            "On cite p. ex. Lyon. La ville fut fondée en 43 av. J.-C. Par les Romains. "
            "« Bonjour. » Il est parti.")
    assert sentences_of(text, "fr") == [
        "M. Dupont et Mme. Durand sont arrivés hier.",
        "Mlle. Martin les attendait.",
        "On cite p. ex. Lyon.",
        "La ville fut fondée en 43 av. J.-C. Par les Romains.",
        "« Bonjour. »",
        "Il est parti.",
    ]


def test_spanish() -> None:
    text = ("El Sr. García y la Sra. López viajaron a EE.UU. Con sus hijos. La Srta. Ruiz y Ud. también. "
            "Uds. conocen p. ej. Madrid. Volaron a EE. UU. En mayo. ¿Qué pasa? ¡Nada! «Hola.» Él sonrió.")
    assert sentences_of(text, "es") == [
        "El Sr. García y la Sra. López viajaron a EE.UU. Con sus hijos.",
        "La Srta. Ruiz y Ud. también.",
        "Uds. conocen p. ej. Madrid.",
        "Volaron a EE. UU. En mayo.",
        "¿Qué pasa?",
        "¡Nada!",
        "«Hola.»",
        "Él sonrió.",
    ]


@pytest.mark.parametrize("language", ["de", "DE", "de-AT", "de_CH"])
def test_language_code_forms(language: str) -> None:
    assert sentences_of("Am 3. Oktober kam er.", language) == ["Am 3. Oktober kam er."]


# -- through the public path: clean + segment ---------------------------------------------

GERMAN_ARTICLE = (
    "Die Bundesregierung hat am Mittwoch in Berlin ein neues Gesetz zur Förderung von Schulen beschlossen. "
    "Der Kanzler sagte, man werde z. B. die Ausstattung der Klassenzimmer verbessern und u. a. mehr Lehrer "
    "einstellen. Am 3. Oktober soll das Gesetz in Kraft treten. Die Zahl der beteiligten Länder stieg auf 12. "
    "Danach wollen auch die übrigen Länder folgen. Die Ministerin erklärte: „Wir haben lange verhandelt.“ "
    "Kritiker wie Prof. Dr. Weber bemängeln die Kosten von ca. 3 Mrd. Euro bzw. die lange Laufzeit.\n"
)


def test_german_article_through_clean() -> None:
    cleaned = clean(GERMAN_ARTICLE)
    assert cleaned.language == "de"
    doc = segment(cleaned)
    check_offsets(doc)
    assert [s.text for s in doc.sentences if s.kind == "content"] == [
        "Die Bundesregierung hat am Mittwoch in Berlin ein neues Gesetz zur Förderung von Schulen beschlossen.",
        "Der Kanzler sagte, man werde z. B. die Ausstattung der Klassenzimmer verbessern und u. a. mehr Lehrer "
        "einstellen.",
        "Am 3. Oktober soll das Gesetz in Kraft treten.",
        "Die Zahl der beteiligten Länder stieg auf 12.",
        "Danach wollen auch die übrigen Länder folgen.",
        "Die Ministerin erklärte: „Wir haben lange verhandelt.“",
        "Kritiker wie Prof. Dr. Weber bemängeln die Kosten von ca. 3 Mrd. Euro bzw. die lange Laufzeit.",
    ]
    assert all(s.language == "de" for s in doc.sentences if s.kind == "content")


def test_segment_uses_block_language_then_document_language() -> None:
    text = "Am 3. Oktober kam er. Die Zahl stieg auf 12. Danach war Ruhe."
    german = ["Am 3. Oktober kam er.", "Die Zahl stieg auf 12.", "Danach war Ruhe."]
    english = ["Am 3.", "Oktober kam er.", "Die Zahl stieg auf 12.", "Danach war Ruhe."]
    for block_language, doc_language, expected in [
        ("de", None, german),
        (None, "de", german),
        ("de", "en", german),
        ("en", "de", english),
        (None, None, english),
    ]:
        doc = segment(one_block(text, block_language, doc_language))
        check_offsets(doc)
        assert [s.text for s in doc.sentences] == expected, (block_language, doc_language)


# -- English unchanged --------------------------------------------------------------------

ENGLISH = [
    "Mr. Smith met Dr. Jones in London on Monday to discuss the plan.",
    "The U.S. State Department said the talks would continue next week.",
    "Warner Bros. Discovery said the film would open in March.",
    "He met Mr. Smith on Monday. Dr. Jones was not there. The meeting ended early.",
    "The president said: “We see an increasing alliance. It is no longer about weapons.” Then he left the room.",
    "The talks ended. “We will return,” the minister said. ‘Soon,’ he added.",
    "Is this the end? No! It is only the beginning… The story goes on.",
    "The price rose to 3.5 percent. it was not expected by anyone.",
    "The toll rose to 12. Officials said more were missing. On the 3. October it was 40. No. 5 said so.",
    "He said no. The talks failed. “Yes,” said Gen. Smith. They went to the U.N. Then they left.",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_unchanged(text: str) -> None:
    expected = sentences_of(text, None)
    assert sentences_of(text, "en") == expected
    assert sentences_of(text, "it") == expected  # languages without rules keep the English ones
    assert [text[s:e] for s, e in split_spans(text, 0, len(text))] == expected


@pytest.mark.parametrize("name", SEED_NAMES)
def test_english_seeds_unchanged(seeds: dict[str, str], name: str) -> None:
    """Segmenting a seed gives the same sentences as with every language removed."""
    cleaned = clean(seeds[name])
    blind = dataclasses.replace(
        cleaned,
        language=None,
        blocks=tuple(dataclasses.replace(b, language=None) for b in cleaned.blocks),
    )
    if cleaned.language in (None, "en") and all(b.language in (None, "en") for b in cleaned.blocks):
        assert [(s.start, s.end) for s in segment(cleaned).sentences] == [
            (s.start, s.end) for s in segment(blind).sentences]
    check_offsets(segment(cleaned))


@pytest.mark.parametrize("language", [None, "en", "de", "fr", "es"])
def test_long_runs_stay_linear(language: str | None) -> None:
    """A line of dots, a run of abbreviations or of ordinals is split in linear time."""
    for text in ["." * 200_000 + " X", "z. B. " * 40_000 + "X", "am 3. " * 40_000 + "X", ". „" * 100_000 + "X",
                 "a" + " " * 200_000 + "B."]:
        started = time.perf_counter()
        spans = split_spans(text, 0, len(text), language)
        assert time.perf_counter() - started < 3.0, (language, text[:12])
        assert all(text[s:e] for s, e in spans)


# -- property tests --------------------------------------------------------------------------

TOKENS = [
    ".", ". ", "„", "“", "‚", "‘", "»", "«", "!", "?", " ", "  ", "\n", "0", "3", "12", "1999", "A", "D", "Ä",
    "ü", "z", "B", "x", "Die", "Am", "am", "im", "auf", "der", "Oktober", "Okt", "z. B.", "u. a.", "v. Chr.",
    "usw.", "Nr.", "Art.", "S.", "Straße", "Hauptstr.", "Er", "sagte", "„Wir", "kommen.“", "… ", "(", ")",
]


german_ish = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
mixed = st.text(alphabet="ab AZÄü.„“‚‘»«!?01239\n", max_size=120)


@settings(max_examples=300, deadline=None)
@given(st.one_of(german_ish, mixed), st.sampled_from(["de", "fr", "es"]))
def test_spans_property(text: str, language: str) -> None:
    spans = split_spans(text, 0, len(text), language)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        piece = text[s:e]
        assert piece == piece.strip() and any(ch.isalnum() for ch in piece)
        last = e


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(german_ish, mixed))
def test_segment_offsets_property_german(text: str) -> None:
    doc = segment(one_block(text, "de", "de"))
    assert doc.text == text
    check_offsets(doc)


@settings(max_examples=200, deadline=None)
@given(st.one_of(german_ish, mixed))
def test_english_rules_are_the_default(text: str) -> None:
    expected = split_spans(text, 0, len(text))
    assert split_spans(text, 0, len(text), None) == expected
    assert split_spans(text, 0, len(text), "en") == expected


def test_chinese_and_japanese_sentences_joined_with_spaces_are_split() -> None:
    """A full-width stop ends a sentence whether the next one follows at once or after a
    space (sentences pasted with spaces between them were one sentence)."""
    from scoring.clean import clean
    from scoring.segment import segment

    for text, expected in (("纳入1245例患者。 干预组主要终点发生率为12.5%。 中位随访时间为3.2年。", 3),
                           ("会議は火曜日に開かれた。 首相は出席しなかった。", 2),
                           ("他说：“我们会赢。” 然后离开了。", 2)):
        sentences = segment(clean(text)).sentences
        assert len(sentences) == expected
        assert all(s.text == s.text.strip() for s in sentences)
