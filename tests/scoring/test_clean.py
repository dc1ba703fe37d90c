"""Stage 1, clean: furniture by general rules, HTML extraction, decoding errors."""

from __future__ import annotations

import pytest

from scoring.clean import clean, decode, detect_language
from scoring.errors import BinaryInput, EmptyInput, EncodingProblem, InputTooLarge
from scoring.types import CleanText

P1 = "The storm arrived late on Tuesday and flooded hundreds of homes along the coast, officials said."
P2 = "Emergency crews worked through the night to move families to shelters on higher ground."
P3 = "Officials said the harbour walls had failed in two places and would need months of repair work."
P4 = "The mayor said the town would ask the national government for emergency funds this week."
P5 = "Insurance companies expect claims from the flood to reach record levels before the end of the year."
PROSE = (P1, P2, P3, P4, P5)

TITLE = "Storm floods the coastal town overnight"
BYLINE = "By Jane Doe and John Roe"
CREDIT = "Jane Smith/Agency/Pool via Reuters"
CAPTION = "Rescue workers carry residents to safety in the flooded harbour district"
GERMAN = "Mehr zum Thema hier lesen"
HEADING = "Damage to the harbour"
COPYRIGHT = "© 2024 Example News Network. All rights reserved."
COMMENTS = "Leave a comment below and tell us what you think about the storm in your area."

# The furniture sits *inside* the article body here (between prose paragraphs), so it
# has to be recognised by its shape, not by its position before or after the body.
ARTICLE = f"""{TITLE}

{P1}

{BYLINE}

{CREDIT}
{CAPTION}

{P2}
{CAPTION}

{HEADING}

{P3}
{GERMAN}
{P4}

{P5}

{COPYRIGHT}
{COMMENTS}
"""


def kinds_of(cleaned: CleanText, needle: str) -> list[str]:
    """Kinds of every block whose text is exactly `needle`."""
    found = [b.kind for b in cleaned.blocks if cleaned.text[b.start : b.end] == needle]
    assert found, f"no block is exactly {needle!r}"
    return found


@pytest.fixture(scope="module")
def article() -> CleanText:
    return clean(ARTICLE)


def test_blocks_index_the_text(article: CleanText) -> None:
    assert article.text == ARTICLE
    assert article.source_format == "text"
    last = 0
    for block in article.blocks:
        assert last <= block.start < block.end <= len(article.text)
        piece = article.text[block.start : block.end]
        assert piece == piece.strip() and piece
        assert block.kind in ("content", "heading", "boilerplate")
        last = block.end


def test_language_is_english(article: CleanText) -> None:
    assert article.language == "en"


@pytest.mark.parametrize("line", PROSE)
def test_prose_is_content(article: CleanText, line: str) -> None:
    assert kinds_of(article, line) == ["content"]


@pytest.mark.parametrize(
    "line",
    [BYLINE, CREDIT, COPYRIGHT, COMMENTS, GERMAN],
    ids=["byline", "photo-credit", "copyright", "comment-prompt", "other-language"],
)
def test_furniture_is_boilerplate(article: CleanText, line: str) -> None:
    assert set(kinds_of(article, line)) == {"boilerplate"}


def test_repeated_caption_is_boilerplate(article: CleanText) -> None:
    kinds = kinds_of(article, CAPTION)
    assert len(kinds) == 2
    assert set(kinds) == {"boilerplate"}


def test_inserted_heading_is_heading(article: CleanText) -> None:
    assert kinds_of(article, HEADING) == ["heading"]


def test_title_is_heading(article: CleanText) -> None:
    assert kinds_of(article, TITLE) == ["heading"]
    assert article.title == TITLE


def test_furniture_before_the_body() -> None:
    text = f"Skip to Content\n\n{TITLE}\n\n{BYLINE}\n{CREDIT}\n\n{P1}\n\n{P2}\n\n{P3}\n"
    cleaned = clean(text)
    assert kinds_of(cleaned, "Skip to Content") == ["boilerplate"]
    assert kinds_of(cleaned, BYLINE) == ["boilerplate"]
    assert kinds_of(cleaned, CREDIT) == ["boilerplate"]
    for line in (P1, P2, P3):
        assert kinds_of(cleaned, line) == ["content"]


def test_prose_with_furniture_words_stays_content() -> None:
    """A long sentence that mentions comments or newsletters is still content."""
    line = ("Readers who subscribe to the newsletter left hundreds of comments about the flood, "
            "many of them asking how the town would pay for the repairs.")
    cleaned = clean(f"{P1}\n\n{line}\n\n{P2}\n\n{P3}\n")
    assert kinds_of(cleaned, line) == ["content"]


@pytest.mark.parametrize("line", [
    "The Kremlin did not immediately respond to a request for comment on the report.",
    "Water from the related reservoir was used by farmers in the area for many decades.",
    "Health Bureau - 271 cases (involving: inquiries about quarantine; inquiries about testing; others. )",
    "„Weißt du, jetzt ist es anders, denn Kinder fragen, ob sie einen Kanal haben können. Absolut nicht.“",
    "« Nous ne savons pas encore combien de familles ont quitté la ville cette semaine », a-t-il dit. »",
])
def test_the_last_sentence_of_a_story_stays_content_whatever_its_words(line: str) -> None:
    """A story's first and last sentences are not cut as page furniture because they use
    a furniture word ("comment", "related") or end in a bracket after the stop."""
    cleaned = clean(f"{P1}\n\n{P2}\n\n{line}\n")
    assert kinds_of(cleaned, line) == ["content"]
    cleaned = clean(f"{line}\n\n{P1}\n\n{P2}\n")
    assert kinds_of(cleaned, line) == ["content"]


@pytest.mark.parametrize("line", [
    "A spokesman declined to comment.", "Thieves stole copper wire from the railway.",
    "The two cases are not related, police said.", "The trial continues on Monday.",
    "« Nous ferons tout pour arrêter cette loi et défendre les familles bretonnes »",
])
def test_short_sentences_of_the_story_stay_content(line: str) -> None:
    """In the body or last: a short sentence with a furniture word is still the story's."""
    for text in (f"{P1}\n\n{line}\n\n{P2}\n", f"{P1}\n\n{P2}\n\n{line}\n"):
        assert kinds_of(clean(text), line) == ["content"]


@pytest.mark.parametrize("line", ["Comments are closed.", "Please keep your comments respectful and relevant.",
                                  "Related: How the storm formed."])
def test_furniture_sentences_in_the_body_stay_boilerplate(line: str) -> None:
    assert kinds_of(clean(f"{P1}\n\n{line}\n\n{P2}\n"), line) == ["boilerplate"]


@pytest.mark.parametrize("line", [
    "We use cookies to improve your experience on our site and to show you relevant advertising.",
    "Read more: how the war changed the lives of the people in the eastern regions of the country.",
])
def test_furniture_sentences_after_the_story_stay_boilerplate(line: str) -> None:
    cleaned = clean(f"{P1}\n\n{P2}\n\n{line}\n")
    assert kinds_of(cleaned, line) == ["boilerplate"]


HTML_PAGE = f"""<!doctype html>
<html><head><title>{TITLE}</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience on our site. Accept all cookies to continue.</div>
<article>
<h1>{TITLE}</h1>
<p>{P1}</p>
<p>{P2}</p>
<p>{P3}</p>
<p>{P4}</p>
</article>
<footer>Copyright 2024 Example News Network. Contact us. Privacy policy. Terms of service.</footer>
</body></html>
"""


def test_html_yields_article_only() -> None:
    cleaned = clean(HTML_PAGE)
    assert cleaned.source_format == "html"
    content = [cleaned.text[b.start : b.end] for b in cleaned.blocks if b.kind == "content"]
    assert content == [P1, P2, P3, P4]
    kept = " ".join(cleaned.text[b.start : b.end] for b in cleaned.blocks if b.kind != "boilerplate")
    for furniture in ("cookies", "Privacy policy", "Terms of service", "World news", "Contact us"):
        assert furniture not in kept
    assert "<" not in cleaned.text and ">" not in cleaned.text


def test_inline_tags_in_plain_text_keep_offsets() -> None:
    text = f"{P1}\n\n<i>{P2}</i>\n\n{P3}\n"
    cleaned = clean(text)
    assert cleaned.text == text
    assert cleaned.source_format == "text"
    assert any(b.kind == "content" and P2 in cleaned.text[b.start : b.end] for b in cleaned.blocks)


# -- decode -------------------------------------------------------------------------


def test_decode_utf8_and_bom() -> None:
    assert decode("café au lait".encode()) == "café au lait"
    assert decode(b"\xef\xbb\xbfhello world") == "hello world"
    assert decode("hello world".encode("utf-16")) == "hello world"


def test_decode_nul_bytes_is_binary() -> None:
    with pytest.raises(BinaryInput):
        decode(b"PK\x03\x04\x00\x00\x00binary stuff here")


def test_decode_invalid_utf8() -> None:
    with pytest.raises(EncodingProblem):
        decode("Le café est très chaud aujourd'hui.".encode("latin-1"))


def test_decode_too_large() -> None:
    with pytest.raises(InputTooLarge):
        decode(b"a" * 101, max_bytes=100)
    assert decode(b"a" * 100, max_bytes=100) == "a" * 100


@pytest.mark.parametrize("data", [b"", b"   ", b" \n\t\r\n ", b"\xef\xbb\xbf  \n"])
def test_decode_empty(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        decode(data)


def test_errors_carry_a_hint() -> None:
    with pytest.raises(EncodingProblem) as info:
        decode(b"caf\xe9")
    assert info.value.hint
    assert info.value.code == "bad_encoding"


@pytest.mark.parametrize("raw", ["", "   \n  ", "\n\n\t"])
def test_clean_refuses_empty_text(raw: str) -> None:
    with pytest.raises(EmptyInput):
        clean(raw)


def test_control_characters_alone_are_binary_not_empty() -> None:
    """Bytes sent as a JSON string reach `clean` as text: said to be binary, as a file is."""
    with pytest.raises(BinaryInput):
        clean("\x00\x01\x02\x03" * 100)


def test_marks_with_no_language_are_no_language() -> None:
    """pycld2 names text of combining marks only by its script ("xx-Qaai"): no language, so a
    warning never speaks of a language 'xx'."""
    assert detect_language("\u0301\u0308" * 60 + " abc") == (None, False)
    assert detect_language("The Kremlin rejected the allegations on Thursday, officials said.")[0] == "en"
