"""The variations the metamorphic suite renders: a spread over the axes of ``render.Variation``, per plan.

Not the full cross product: each variation changes several axes at once, so
that every value of every axis (format, drawing, column order, where the
recommendation or theme is said, heading form, orientation, rows cut by page
breaks, owners one per line, flowed labels) is used, most of them for each
plan, RAG as colour on the tracker, and every wording of ``wordings.py`` is
printed by at least one variation (``test_metamorphic`` checks it).
``PLAIN`` is each plan's most conventional rendering: a ruled grid, the
conventional header wording, the recommendation (or theme) beside its actions.
"""

from __future__ import annotations

from typing import Final

from metamorphic.render import Variation

V = Variation

FAREHAM: Final = (
    V("fareham", "pdf", "grid", "std", "column-span"),
    V("fareham", "pdf", "grid", "measure", "column-once", words="peer", landscape=False),
    V("fareham", "pdf", "shaded", "ownerfirst", "heading", "rec-colon", words="plain"),
    V("fareham", "pdf", "borderless", "datefirst", "heading", "r-dash", words="formal"),
    V("fareham", "pdf", "grid", "objective", "column-span", words="delivery", split=True),
    V("fareham", "pdf", "grid", "ref", "prefix-ref", words="inspection", landscape=False),
    V("fareham", "pdf", "shaded", "measure", "row", "rec-colon", words="tracker", split=True),
    V("fareham", "pdf", "borderless", "std", "prefix-text", words="partnership", landscape=False),
    V("fareham", "pdf", "flowed", "std", "heading", "rec-colon"),
    V("fareham", "pdf", "grid", "measuremid", "heading", "number-dot", words="strategy", owners="lines"),
    V("fareham", "pdf", "grid", "std", "column-repeat", words="audit"),
    V("fareham", "pdf", "grid", "objective", "heading", "rec-line", words="questions"),
    V("fareham", "pdf", "shaded", "objective", "row", "word-dash", words="audit"),
    V("fareham", "pdf", "borderless", "objective", "column-once", words="inspection"),
    V("fareham", "txt", "columns", "std", "column-once"),
    V("fareham", "txt", "columns", "datefirst", "heading", "rec-line", words="peer", split=True),
    V("fareham", "txt", "columns", "objective", "column-once"),
    V("fareham", "txt", "columns", "ref", "prefix-ref", words="response", landscape=False),
    V("fareham", "txt", "tsv", "measure", "column-once", words="plain"),
    V("fareham", "txt", "tsv", "ownerfirst", "row", "r-dash", words="formal"),
    V("fareham", "txt", "tsv", "measure", "column-repeat", words="formal"),
    V("fareham", "txt", "tsv", "objective", "heading", "r-dash", words="partnership"),
    V("fareham", "txt", "flowed", "measure", "heading", "number-dot", words="delivery"),
    V("fareham", "docx", "grid", "std", "column-span"),
    V("fareham", "docx", "shaded", "ownerfirst", "heading", "rec-colon", words="plain"),
    V("fareham", "docx", "borderless", "datefirst", "row", "r-dash", words="formal", owners="lines"),
    V("fareham", "docx", "flowed", "measure", "heading", "number-dot", words="delivery"),
    V("fareham", "xlsx", "grid", "std", "column-span"),
    V("fareham", "xlsx", "grid", "objective", "heading", "rec-line", words="questions"),
)

HARBOROUGH: Final = (
    V("harborough", "pdf", "grid", "tracker", "column-span"),
    V("harborough", "pdf", "shaded", "trackerownerfirst", "heading", "word-dash", words="audit"),
    V("harborough", "pdf", "shaded", "tracker", "column-once", words="improvement", split=True),
    V("harborough", "pdf", "grid", "tracker", "column-once", words="response", rag="fill"),
    V("harborough", "pdf", "grid", "tracker", "column-once", words="strategy"),
    V("harborough", "pdf", "grid", "statusfirst", "heading", "rec-colon", words="inspection", rag="fill"),
    V("harborough", "pdf", "borderless", "tracker", "column-once", words="plain"),
    V("harborough", "pdf", "grid", "progressonly", "row", "rec-colon", words="formal", landscape=False),
    V("harborough", "pdf", "grid", "progressonly", "prefix-ref", words="delivery", landscape=False),
    V("harborough", "pdf", "shaded", "datestatus", "column-span", words="tracker", owners="lines"),
    V("harborough", "pdf", "grid", "tracker", "row", "number-dot", words="peer", split=True),
    V("harborough", "pdf", "flowed", "tracker", "heading", "rec-colon", words="audit"),
    V("harborough", "pdf", "borderless", "statusfirst", "heading", "word-dash", words="partnership"),
    V("harborough", "pdf", "grid", "ownerfirst", "prefix-text", words="strategy", landscape=False),
    V("harborough", "txt", "columns", "tracker", "column-once"),
    V("harborough", "txt", "columns", "trackerownerfirst", "heading", "r-dash", words="audit", split=True),
    V("harborough", "txt", "columns", "datestatus", "column-once", words="partnership"),
    V("harborough", "txt", "tsv", "tracker", "column-once", words="inspection"),
    V("harborough", "txt", "tsv", "statusfirst", "row", "word-dash", words="tracker"),
    V("harborough", "txt", "flowed", "tracker", "heading", "number-dot", words="formal", labels="lines"),
    V("harborough", "docx", "grid", "tracker", "column-once", words="response", rag="fill"),
    V("harborough", "docx", "flowed", "tracker", "heading", "rec-colon", words="audit"),
    V("harborough", "xlsx", "grid", "statusfirst", "row", "word-dash", words="inspection", rag="fill"),
    V("harborough", "xlsx", "grid", "progressonly", "prefix-ref", words="delivery"),
)

KESTWICK: Final = (
    V("kestwick", "pdf", "grid", "std", "row", "theme-colon"),
    V("kestwick", "pdf", "grid", "measure", "heading", "word-dash", words="peer"),
    V("kestwick", "pdf", "grid", "std", "column-once", words="partnership"),
    V("kestwick", "pdf", "grid", "ref", "column-span", words="formal"),
    V("kestwick", "pdf", "grid", "measuremid", "row", "plain", words="partnership", landscape=False, split=True),
    V("kestwick", "pdf", "shaded", "measure", "row", "word-dash", words="delivery", split=True),
    V("kestwick", "pdf", "shaded", "ownerfirst", "heading", "word-dash", words="strategy", landscape=False),
    V("kestwick", "pdf", "borderless", "datefirst", "heading", "word-dash", words="plain"),
    V("kestwick", "pdf", "borderless", "measure", "row", "word-dash", words="audit", owners="lines"),
    V("kestwick", "pdf", "flowed", "measure", "heading", "word-dash", words="inspection"),
    V("kestwick", "txt", "columns", "measure", "heading", "theme-colon"),
    V("kestwick", "txt", "columns", "ownerfirst", "row", "word-dash", words="tracker", split=True),
    V("kestwick", "txt", "tsv", "measure", "row", "theme-colon", words="peer"),
    V("kestwick", "txt", "tsv", "datefirst", "heading", "plain", words="formal"),
    V("kestwick", "txt", "flowed", "std", "heading", "priority-dash", words="delivery", labels="lines"),
    V("kestwick", "docx", "grid", "measure", "row", "theme-colon", words="peer"),
    V("kestwick", "docx", "shaded", "std", "column-span", words="partnership", landscape=False),
    V("kestwick", "xlsx", "grid", "measure", "heading", "word-dash", words="strategy"),
    V("kestwick", "xlsx", "grid", "ownerfirst", "column-once", owners="lines"),
)

VARIATIONS: Final = (*FAREHAM, *HARBOROUGH, *KESTWICK)

PLAIN: Final = {"fareham": FAREHAM[0], "harborough": HARBOROUGH[0], "kestwick": KESTWICK[0]}
