"""Themes from the vocabulary in normalise/data/themes.toml, against a table of action texts."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS_GOLD, NO_CORPUS, ROOT, corpus_available

from actionplans.normalise.themes import fold, from_context, themes_of, vocabulary

CASES = tomllib.loads((ROOT / "tests" / "data" / "theme_cases.toml").read_text(encoding="utf-8"))


def _corpus_text(case: dict[str, Any]) -> str:
    gold = json.loads((CORPUS_GOLD / f"{case['gold']}.gold.json").read_text(encoding="utf-8"))
    return next(a["text"] for a in gold["actions"] if a.get("id") == case["id"])


@pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)
@pytest.mark.parametrize("case", CASES["corpus"], ids=lambda c: f"{c['gold']}:{c['id']}")
def test_real_actions_get_the_themes_they_speak_of(case: dict[str, Any]) -> None:
    assert themes_of([_corpus_text(case)])[0][0] == case["themes"]


@pytest.mark.parametrize("case", CASES["case"], ids=lambda c: c["text"][:40])
def test_each_matching_rule(case: dict[str, Any]) -> None:
    assert themes_of([case["text"]])[0][0] == case["themes"]


def test_every_theme_keeps_the_words_that_matched() -> None:
    names, evidence = themes_of(["Refresh the Medium Term Financial Strategy and the workforce plan."])[0]
    assert evidence == [f"{n}: {words}" for n, words in (e.split(": ", 1) for e in evidence)]
    assert "Financial planning and management: Medium Term Financial Strategy" in evidence
    assert names == [e.split(": ", 1)[0] for e in evidence]


def test_themes_keep_vocabulary_order_and_each_word_once() -> None:
    names, evidence = themes_of(["Budget and housing: agree the budget, then the housing budget"])[0]
    order = [t.name for t in vocabulary()]
    assert names == sorted(names, key=order.index)
    assert "finance: budget" in [e.lower() for e in evidence]
    assert all(
        len(e.split(": ", 1)[1].lower().split(", ")) == len(set(e.split(": ", 1)[1].lower().split(", ")))
        for e in evidence
    )


def test_themes_from_around_an_action_say_where_they_were() -> None:
    names, evidence = from_context(themes_of(["Refresh the medium term financial strategy"])[0], "recommendation")
    assert names and all(e.endswith(" (recommendation)") for e in evidence)


def test_the_vocabulary_is_the_five_peer_challenge_themes_and_the_service_areas() -> None:
    families: dict[str, list[str]] = {}
    for theme in vocabulary():
        families.setdefault(theme.family, []).append(theme.name)
    assert len(families["peer_challenge"]) == 5
    assert set(families["service"]) >= {"housing", "planning", "climate", "finance", "governance", "waste"}


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("authorities", "authority"),
        ("processes", "process"),
        ("churches", "church"),
        ("status", "status"),
        ("analysis", "analysis"),
        ("databases", "database"),
        ("bus", "bus"),
    ],
)
def test_plurals_fold_to_their_singular(word: str, lemma: str) -> None:
    assert fold(word) == lemma


def test_recommendation_themes_are_used_only_when_the_action_names_none(tmp_path: Path) -> None:
    from actionplans.pipeline.process import process_document

    plan = tmp_path / "plan.txt"
    plan.write_text(
        "Test Borough Council\nAction plan\n\nRecommendation\tAction\tLead\tTimescale\n"
        "1. Improve the council's housing offer\tSet up a working group\tHead of Housing\tMay 2025\n"
        "\tReview the budget for temporary accommodation\tHead of Housing\tJune 2025\n",
        encoding="utf-8",
    )
    out = process_document(plan, tmp_path)
    themes = {a["text"]: a["themes"] for a in out.actions}
    assert themes.get("Set up a working group") == ["housing"], out.actions
    assert "finance" in themes.get("Review the budget for temporary accommodation", [])


def test_an_action_naming_no_theme_takes_those_of_the_section_heading_it_sits_under(tmp_path: Path) -> None:
    """The context the page gives, nearest first: a theme row, else the section heading, else the
    recommendation; a heading over every action alike is the document's title, no section."""
    from actionplans.pipeline.process import process_document

    header = "<tr><th>Action</th><th>Lead</th><th>Timescale</th></tr>"
    plan = tmp_path / "plan.html"
    plan.write_text(
        "<html><body><h1>Delivery plan 2025</h1><p>Test Borough Council</p><h2>Public Health</h2>"
        f"<table>{header}<tr><td>Set up a working group on access</td><td>Consultant</td><td>May 2025</td></tr>"
        "<tr><td>Review the budget for the service</td><td>Consultant</td><td>June 2025</td></tr></table>"
        f"<h2>Housing</h2><table>{header}<tr><td>Agree the new allocations scheme</td><td>Head of Service</td>"
        "<td>July 2025</td></tr></table></body></html>",
        encoding="utf-8",
    )
    out = process_document(plan, tmp_path)
    got = {a["text"]: (a["themes"], a["theme_evidence"]) for a in out.actions}
    themes, evidence = got["Set up a working group on access"]
    assert themes == ["health and care"] and evidence == ["health and care: Public Health (section)"], got
    assert "health and care" not in got["Review the budget for the service"][0]  # its own words name a theme
    assert got["Agree the new allocations scheme"][0] == ["housing"]
    titled = tmp_path / "titled.txt"
    titled.write_text(
        "Test Borough Council\n\nFinancial Recovery Plan\n\nAction\tLead\tTimescale\n"
        "Recruit a permanent chief executive\tLeader\tMay 2025\n"
        "Set up a working group on access\tConsultant\tJune 2025\n",
        encoding="utf-8",
    )
    alone = {a["text"]: a["themes"] for a in process_document(titled, tmp_path).actions}
    assert alone["Set up a working group on access"] == [], alone  # the title is no section of the plan
