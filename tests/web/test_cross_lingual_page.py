"""The review page of a pair in two languages names both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.conftest import csrf_of

GERMAN = (Path(__file__).resolve().parents[2] / "samples" / "cnn_german_injected.txt").read_text(encoding="utf-8")


def test_dashboard_names_both_languages(make_web: Any, seeds: dict[str, str]) -> None:
    web = make_web()
    token = csrf_of(web.get("/audits/new").text)
    made = web.post("/audits/new", data={"csrf_token": token, "original_mode": "text", "candidate_mode": "text",
                                         "original_text": seeds["cnn_original"], "candidate_text": GERMAN,
                                         "candidate_lang": "de"}, follow_redirects=False)
    assert made.status_code == 303, made.text
    page = web.get(made.headers["location"])
    assert page.status_code == 200
    assert 'id="languages"' in page.text and "use-multilingual-v3" in page.text
    assert '<span class="lang" title="language of the candidate">de</span>' in page.text
    assert 'lang="de">' in page.text and 'lang="en">' in page.text  # each column in its language (hyphenation, voices)
    bad = web.post("/audits/new", data={"csrf_token": token, "original_mode": "text", "candidate_mode": "text",
                                        "original_text": seeds["cnn_original"], "candidate_text": GERMAN,
                                        "candidate_lang": "deutsch"})
    assert bad.status_code == 422 and "candidate_lang" in bad.text


def test_the_printable_report_names_both_languages(make_web: Any, seeds: dict[str, str]) -> None:
    web = make_web()
    token = csrf_of(web.get("/audits/new").text)
    made = web.post("/audits/new", data={"csrf_token": token, "original_mode": "text", "candidate_mode": "text",
                                         "original_text": seeds["cnn_original"], "candidate_text": GERMAN},
                    follow_redirects=False)
    assert made.status_code == 303, made.text
    page = web.get(made.headers["location"] + "/report")
    assert page.status_code == 200 and "original en, candidate de (compared with use-multilingual-v3)" in page.text
