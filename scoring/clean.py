"""Stage 1, clean: raw bytes or text in, `CleanText` out (text + classified blocks).

Site furniture is not content. Each line of the text becomes a `Block` whose kind is
`content`, `heading` or `boilerplate`, decided by general rules about the shape of a
line, its position relative to the article body, repetition, a small furniture
lexicon shared by news sites, and language identification:

* the body runs from the first to the last *prose* line (long, punctuated, in the
  document's language) and stops at a tail marker (copyright, comments, related
  links) found after most of the prose;
* before the body only the title survives (as a heading); after it nothing does;
* inside the body, credit lines, bylines, repeated unpunctuated lines (captions),
  lines in all capitals, short lines in another language and short lines made of
  furniture words are boilerplate; other short unpunctuated lines are headings.

HTML pages are first reduced to their main text with trafilatura; offsets then refer to
that extracted text, which the report carries. Plain text keeps its own offsets: inline
tags are masked in place (never removed), so `text[start:end]` stays exact.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.errors import BinaryInput, EmptyInput, EncodingProblem, InputTooLarge
from scoring.types import CJK, Block, CleanText, Kind

# A tag, at most 500 characters long. Comments are found by `mask_tags` with str.find:
# a pattern `<!--.*?-->` rescans to the end from every unclosed `<!--` (quadratic).
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]{0,500}?>")
BREAKING_TAGS = {"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                 "figure", "figcaption", "section", "article", "header", "footer", "tr", "td",
                 "blockquote", "hr", "table", "nav", "aside", "main", "title"}
HTML_DOC = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]", re.I)

# A sentence's end, and the closing marks after it: quotes of every convention (German
# closes with “ and ‘, French with », Swiss with ‹ or ›), brackets.
TERMINAL = re.compile(r"[.!?…。！？](?:\s?['\"”’“‘»«›‹)\]」』）])*\s*$|^\s*[«„“\"»‹›][^\n]{20,}[»“”\"«›‹]\s*$")
BULLET = re.compile(r"^\s*(?:[•·▪◦‣\-–*]|\d{1,2}[.)])\s+")


def list_bullet(text: str) -> re.Match[str] | None:
    """The list bullet `text` starts with, or a number opening a list item ("3. The
    next point"); not the day of a date written with a stop before a lower-case month
    ("4. září", "8. oktober")."""
    m = BULLET.match(text)
    if m and m.group(0).rstrip()[-1:] == "." and text[m.end():m.end() + 1].islower():
        return None
    return m


WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.U)

# Furniture shared by news sites: navigation, comment prompts, subscription and
# sharing calls, cookie notices, related-article blocks. Matched on short lines or
# outside the article body only, so that prose using these words stays content.
FURNITURE = re.compile(
    r"\b(skip to (?:main )?content|jump to (?:comments|content)|comments?|cookies?|newsletter|"
    r"subscribe|sign (?:up|in)|log ?in|community guidelines|all rights reserved|click(?:ing)? here|"
    r"submit it here|advertisement|follow us|share (?:this|on)|read more|related|you may also like|"
    r"become a (?:patron|member|subscriber)|support us|privacy policy|terms of (?:use|service)|"
    r"(?:original|additional) sources?|source link|about the author|visited \d+ times?|"
    r"(?:story|article) topic follows|newsource|wire|"
    # the same in German, French and Spanish
    r"zum inhalt (?:springen|wechseln)|zur navigation|kommentare?|anmelden|abonnieren|alle rechte vorbehalten|"
    r"weiterlesen|mehr zum thema|das könnte sie auch interessieren|datenschutzerklärung|impressum|"
    r"(?:aller|passer) au contenu|commentaires?|s'abonner|tous droits réservés|lire la suite|publicité|"
    r"(?:ir|saltar) al contenido|comentarios?|suscríbete|todos los derechos reservados|leer más|publicidad)\b",
    re.I,
)
# Markers after which a page has only furniture left (checked after most of the prose).
TAIL_MARKER = re.compile(
    r"©|\ball rights reserved\b|^\s*(?:jump to comments|related\b|read more\b|you may also like|"
    r"leave a (?:comment|reply)|comments?\b|share this|tags?:|about the author|more from|recommended|"
    r"alle rechte vorbehalten|kommentare?\b|tous droits réservés|commentaires?\b|"
    r"todos los derechos reservados|comentarios?\b)",
    re.I,
)
# Requests to the reader that sites put around comment sections and newsletters.
FURNITURE_REQUEST = re.compile(
    r"^\s*(?:please|bitte|merci de|por favor)\b|\b(?:keep (?:your|the) comments?|join the (?:conversation|discussion))\b",
    re.I)
COOKIE_NOTICE = re.compile(
    r"\b(?:we use cookies|uses cookies|use of cookies|accept (?:all )?cookies|cookie (?:policy|settings)|"
    r"by continuing to (?:use|browse)|wir verwenden cookies|nous utilisons des cookies|utilizamos cookies)", re.I)
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|™|\ball rights reserved\b", re.I)
BYLINE = re.compile(r"^\s*(?:by|von|par|por|di|door|av)\s+(?:[A-Z][\w.'’-]*|admin)", re.I)
# Photo credits: agency chains with slashes, or "via <agency>".
# Possessive quantifiers (`*+`) never give back what they matched: the pattern stays
# linear on long lines of capitalised words with no slash.
CREDIT = re.compile(
    r"(?:\b[A-Z][\w.-]*+(?:\s[A-Z][\w.-]*+)*+\s*+/\s*+){2,}|\bvia\s++[A-Z][\w ]*?(?:Newsource|Images|Getty|Reuters|AP|AFP)\b|"
    r"^\s*(?:[Pp]hoto|PHOTO|[Ii]mage|IMAGE|[Pp]icture|[Cc]redit|CREDIT|[Ff]oto|[Bb]ild)s?\s*[:©]",
)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    work: str  # the line with tags masked, stripped
    words: int
    terminal: bool
    bullet: bool
    language: str | None


def decode(data: bytes, *, max_bytes: int = 2_000_000, name: str = "input") -> str:
    """Bytes in, text out: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Raises `InputTooLarge`, `BinaryInput` or `EncodingProblem` with what to do.
    """
    if len(data) > max_bytes:
        raise InputTooLarge(
            f"{name} is {len(data):,} bytes, more than the limit of {max_bytes:,}",
            "split the article or raise the limit (DRIFTAUDIT_MAX_CHARS)",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingProblem(f"{name} has a UTF-16 mark but does not decode", "save it as UTF-8") from exc
    if b"\x00" in data[:8192]:
        raise BinaryInput(f"{name} looks binary (it contains NUL bytes)", "give a plain-text or HTML article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingProblem(
            f"{name} is not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})",
            "convert it first, e.g. iconv -f windows-1252 -t utf-8",
        ) from exc
    check_text(text, name=name, max_chars=max_bytes)
    return text


# Control characters (Unicode category Cc) other than the white space of text: \t \n \f \r.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def check_text(text: str, *, name: str = "input", max_chars: int = 2_000_000) -> None:
    """Refuse text that is empty, too long or mostly control characters."""
    if len(text) > max_chars:
        raise InputTooLarge(
            f"{name} has {len(text):,} characters, more than the limit of {max_chars:,}",
            "split the article or raise the limit (DRIFTAUDIT_MAX_CHARS)",
        )
    # control characters first: bytes sent as a JSON string are binary, not empty text
    sample = text[:20000]
    control = len(CONTROL.findall(sample))
    if control > max(8, len(sample) // 50):
        raise BinaryInput(f"{name} looks binary ({control} control characters)", "give a plain-text or HTML article")
    if not any(ch.isalnum() for ch in text):
        raise EmptyInput(f"{name} has no text", "give the article text, HTML or a URL")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate (from JSON "\ud800") is no character at all
        raise EncodingProblem(f"{name} has an invalid character at position {exc.start} (a lone surrogate)",
                              "send valid Unicode text; a JSON string must not hold half of a surrogate pair") from exc


def looks_like_html(text: str) -> bool:
    """True for an HTML page or fragment; False for text with a few stray inline tags."""
    if HTML_DOC.search(text[:5000]):
        return True
    tags = [m for m in TAG.finditer(text[:200000]) if m.group(2)]
    blocks = sum(1 for m in tags if m.group(2).lower() in {"p", "div", "article", "section", "span", "a", "li"})
    tag_chars = sum(m.end() - m.start() for m in tags)
    return blocks >= 3 and tag_chars > 0.05 * min(len(text), 200000)


def detect_language(text: str) -> tuple[str | None, bool]:
    """(ISO 639-1 code or None, reliable) of a snippet, by pycld2's bundled model."""
    import pycld2

    try:
        reliable, _, details = pycld2.detect(text, bestEffort=True)
    except pycld2.error:
        cleaned = "".join(ch for ch in text if ch.isprintable())
        try:
            reliable, _, details = pycld2.detect(cleaned, bestEffort=True)
        except pycld2.error:
            return None, False
    code = details[0][1]
    if code in ("un", "xxx") or code.startswith("xx-"):  # unknown, or only a script ("xx-Qaai": inherited)
        return None, False
    # pycld2 names some languages by withdrawn codes (iw Hebrew, jw Javanese, in Indonesian)
    # and some with a script ("zh-Hant"): the pipeline speaks ISO 639-1
    code = code.split("-")[0].lower()
    code = LEGACY_LANGUAGE_CODES.get(code, code)
    return code, bool(reliable) and details[0][2] >= 70


# Withdrawn ISO 639 codes still in use (pycld2 names Hebrew "iw") and the ones that replace them.
LEGACY_LANGUAGE_CODES = {"iw": "he", "jw": "jv", "in": "id", "ji": "yi", "mo": "ro"}


def mask_tags(text: str) -> str:
    """Replace every tag and comment by spaces (a line break for block tags); offsets
    are kept. Linear in the text: an unclosed `<!--` is left as it is."""
    if "<" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        width = m.end() - m.start()
        if m.group(2) and m.group(2).lower() in BREAKING_TAGS:
            return "\n" + " " * (width - 1)
        return " " * width

    pieces: list[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:  # no (closed) comment left
            pieces.append(TAG.sub(repl, text[pos:]))
            break
        pieces.append(TAG.sub(repl, text[pos:start]))
        pieces.append(" " * (end + 3 - start))
        pos = end + 3
    return "".join(pieces)


def extract_html(html: str) -> tuple[str, str | None]:
    """Main text and title of an HTML page (trafilatura, with a tag-stripping fallback)."""
    import html as htmllib
    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    text: str | None = None
    title: str | None = None
    try:
        import trafilatura

        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
        meta = trafilatura.extract_metadata(html)
        title = meta.title if meta is not None else None
    except Exception:
        text = None
    if not text or not text.strip():
        stripped = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", html, flags=re.S | re.I)
        text = htmllib.unescape(mask_tags(stripped))
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    if title and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"
    return text, title


def _lines(work: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in work.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            bullet = bool(list_bullet(stripped))
            lang, reliable = detect_language(stripped)
            out.append(
                _Line(
                    start=start,
                    end=start + len(stripped),
                    work=stripped,
                    words=len(WORD.findall(stripped)) + (len(CJK.findall(stripped)) // 2 if not stripped.isascii() else 0),
                    terminal=bool(TERMINAL.search(stripped)),
                    bullet=bullet,
                    language=lang if reliable else None,
                )
            )
        pos += len(raw) + 1
    return out


def _norm(s: str) -> str:
    return " ".join(WORD.findall(s.lower()))


def _is_prose(line: _Line, language: str | None) -> bool:
    """A line of the article's body. Full sentences in another language count: a
    translation may have left paragraphs in the original's language, and they are the
    audit's to report (untranslated), not furniture to drop."""
    if line.words < PROSE_MIN_WORDS or not (line.terminal or (line.bullet and line.words >= 6)):
        return False
    return not _furniture_sentence(line) and not COPYRIGHT.search(line.work) \
        and not (line.words <= 20 and CREDIT.search(line.work))


# A full sentence of this many words is prose ("The trial continues on Monday.").
PROSE_MIN_WORDS = 5


def _furniture_sentence(line: _Line) -> bool:
    """A full sentence that is still furniture: one that opens with a furniture phrase
    ("Read more: ...", "Comments are closed."), asks the reader ("Please keep your
    comments respectful", "Subscribe to our newsletter"), or a cookie notice. A sentence
    of the story that uses such a word ("declined to comment", "related waters") is prose."""
    found = FURNITURE.search(line.work)
    return found is not None and (found.start() <= 3 or bool(COOKIE_NOTICE.search(line.work))
                                  or bool(FURNITURE_REQUEST.search(line.work)))


def _furniture_reason(line: _Line, language: str | None, repeated: bool, is_title_repeat: bool) -> str:
    """Why a line inside the body is furniture, or '' when it is not."""
    work = line.work
    if COPYRIGHT.search(work):
        return "copyright"
    if line.words <= 20 and CREDIT.search(work):
        return "credit"
    if BYLINE.match(work) and line.words <= 15 and not line.terminal:
        return "byline"
    if line.words <= 10:
        letters = [ch for ch in work if ch.isalpha() and (ch.isupper() or ch.islower())]  # scripts with case
        if letters and len(letters) >= 4 and all(not ch.islower() for ch in letters):
            return "all-caps"
    if repeated and not line.terminal and not is_title_repeat:
        return "caption"
    if language and line.language and line.language != language and line.words <= 8:
        return f"other-language:{line.language}"
    if line.terminal:  # a full sentence: furniture only when it reads as such ("Read more: ...")
        return "furniture" if _furniture_sentence(line) else ""
    if line.words <= 12 and FURNITURE.search(work):
        return "furniture"
    return ""


def _main_language(lines: Sequence[_Line]) -> str | None:
    long_lines = [ln.work for ln in lines if ln.words >= 8]
    if not long_lines:
        long_lines = [ln.work for ln in lines]
    lang, _ = detect_language("\n".join(long_lines)[:20000])
    return lang


def classify(text: str, work: str) -> tuple[tuple[Block, ...], str | None, str | None]:
    """Blocks of `text` (analysed through `work`, the tag-masked copy), language, title."""
    lines = _lines(work)
    if not lines:
        return (), None, None
    language = _main_language(lines)
    prose = [i for i, ln in enumerate(lines) if _is_prose(ln, language)]
    if not prose:
        # No prose at all (a single sentence, a list): everything is content unless
        # it is clearly furniture.
        kinds: list[tuple[Kind, str]] = []
        for ln in lines:
            reason = _furniture_reason(ln, language, False, False)
            kinds.append(("boilerplate", reason) if reason and len(lines) > 1 else ("content", ""))
        return tuple(Block(ln.start, ln.end, kind, reason, ln.language)
                     for ln, (kind, reason) in zip(lines, kinds, strict=True)), language, None

    first, last = prose[0], prose[-1]
    # A tail marker ends the body once most prose lines are behind it: a copyright
    # line or "Read more:" early in a page is a credit, late in a page the footer.
    seen = 0
    for i in range(first, len(lines)):
        if i in prose:
            seen += 1
        if i > first and TAIL_MARKER.search(lines[i].work) and seen >= 0.6 * len(prose):
            last = max(j for j in prose if j < i) if any(j < i for j in prose) else first
            break

    title_index: int | None = None
    for i in range(0, first):
        ln = lines[i]
        if ln.words >= 3 and not _furniture_reason(ln, language, False, False):
            title_index = i
            break
    counts = Counter(_norm(ln.work) for ln in lines)
    title_norm = _norm(lines[title_index].work) if title_index is not None else None

    blocks: list[Block] = []
    for i, ln in enumerate(lines):
        kind: Kind
        reason = ""
        if i == title_index:
            kind = "heading"
        elif i < first or i > last:
            kind, reason = "boilerplate", "outside-body"
        else:
            norm = _norm(ln.work)
            reason = _furniture_reason(ln, language, counts[norm] > 1, norm == title_norm)
            if reason:
                kind = "boilerplate"
            elif not ln.terminal and ln.words <= 14 and not ln.bullet:
                kind = "heading"
            else:
                kind = "content"
        blocks.append(Block(ln.start, ln.end, kind, reason, ln.language))
    title = lines[title_index].work if title_index is not None else None
    return tuple(blocks), language, title


def clean(raw: str) -> CleanText:
    """Text or HTML in; the text offsets refer to and its classified blocks out."""
    check_text(raw)
    if looks_like_html(raw):
        text, title = extract_html(raw)
        check_text(text, name="the extracted article")
        blocks, language, found_title = classify(text, mask_tags(text))
        return CleanText(text, "html", blocks, language, title or found_title)
    blocks, language, title = classify(raw, mask_tags(raw))
    return CleanText(raw, "text", blocks, language, title)
