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

FENMARSH: Final = (
    V("fenmarsh", "pdf", "grid", "std", "column-span"),
    V("fenmarsh", "pdf", "grid", "measure", "column-once", words="peer", landscape=False),
    V("fenmarsh", "pdf", "shaded", "ownerfirst", "heading", "rec-colon", words="plain"),
    V("fenmarsh", "pdf", "borderless", "datefirst", "heading", "r-dash", words="formal"),
    V("fenmarsh", "pdf", "grid", "objective", "column-span", words="delivery", split=True),
    V("fenmarsh", "pdf", "grid", "ref", "prefix-ref", words="inspection", landscape=False),
    V("fenmarsh", "pdf", "shaded", "measure", "row", "rec-colon", words="tracker", split=True),
    V("fenmarsh", "pdf", "borderless", "std", "prefix-text", words="partnership", landscape=False),
    V("fenmarsh", "pdf", "flowed", "std", "heading", "rec-colon"),
    V("fenmarsh", "pdf", "grid", "measuremid", "heading", "number-dot", words="strategy", owners="lines"),
    V("fenmarsh", "pdf", "grid", "std", "column-repeat", words="audit"),
    V("fenmarsh", "pdf", "grid", "objective", "heading", "rec-line", words="questions"),
    V("fenmarsh", "pdf", "shaded", "objective", "row", "word-dash", words="audit"),
    V("fenmarsh", "pdf", "borderless", "objective", "column-once", words="inspection"),
    V("fenmarsh", "txt", "columns", "std", "column-once"),
    V("fenmarsh", "txt", "columns", "datefirst", "heading", "rec-line", words="peer", split=True),
    V("fenmarsh", "txt", "columns", "objective", "column-once"),
    V("fenmarsh", "txt", "columns", "ref", "prefix-ref", words="response", landscape=False),
    V("fenmarsh", "txt", "tsv", "measure", "column-once", words="plain"),
    V("fenmarsh", "txt", "tsv", "ownerfirst", "row", "r-dash", words="formal"),
    V("fenmarsh", "txt", "tsv", "measure", "column-repeat", words="formal"),
    V("fenmarsh", "txt", "tsv", "objective", "heading", "r-dash", words="partnership"),
    V("fenmarsh", "txt", "flowed", "measure", "heading", "number-dot", words="delivery"),
    V("fenmarsh", "docx", "grid", "std", "column-span"),
    V("fenmarsh", "docx", "shaded", "ownerfirst", "heading", "rec-colon", words="plain"),
    V("fenmarsh", "docx", "borderless", "datefirst", "row", "r-dash", words="formal", owners="lines"),
    V("fenmarsh", "docx", "flowed", "measure", "heading", "number-dot", words="delivery"),
    V("fenmarsh", "xlsx", "grid", "std", "column-span"),
    V("fenmarsh", "xlsx", "grid", "objective", "heading", "rec-line", words="questions"),
)

HARROWBY: Final = (
    V("harrowby", "pdf", "grid", "tracker", "column-span"),
    V("harrowby", "pdf", "shaded", "trackerownerfirst", "heading", "word-dash", words="audit"),
    V("harrowby", "pdf", "shaded", "tracker", "column-once", words="improvement", split=True),
    V("harrowby", "pdf", "grid", "tracker", "column-once", words="response", rag="fill"),
    V("harrowby", "pdf", "grid", "tracker", "column-once", words="strategy"),
    V("harrowby", "pdf", "grid", "statusfirst", "heading", "rec-colon", words="inspection", rag="fill"),
    V("harrowby", "pdf", "borderless", "tracker", "column-once", words="plain"),
    V("harrowby", "pdf", "grid", "progressonly", "row", "rec-colon", words="formal", landscape=False),
    V("harrowby", "pdf", "grid", "progressonly", "prefix-ref", words="delivery", landscape=False),
    V("harrowby", "pdf", "shaded", "datestatus", "column-span", words="tracker", owners="lines"),
    V("harrowby", "pdf", "grid", "tracker", "row", "number-dot", words="peer", split=True),
    V("harrowby", "pdf", "flowed", "tracker", "heading", "rec-colon", words="audit"),
    V("harrowby", "pdf", "borderless", "statusfirst", "heading", "word-dash", words="partnership"),
    V("harrowby", "pdf", "grid", "ownerfirst", "prefix-text", words="strategy", landscape=False),
    V("harrowby", "txt", "columns", "tracker", "column-once"),
    V("harrowby", "txt", "columns", "trackerownerfirst", "heading", "r-dash", words="audit", split=True),
    V("harrowby", "txt", "columns", "datestatus", "column-once", words="partnership"),
    V("harrowby", "txt", "tsv", "tracker", "column-once", words="inspection"),
    V("harrowby", "txt", "tsv", "statusfirst", "row", "word-dash", words="tracker"),
    V("harrowby", "txt", "flowed", "tracker", "heading", "number-dot", words="formal", labels="lines"),
    V("harrowby", "docx", "grid", "tracker", "column-once", words="response", rag="fill"),
    V("harrowby", "docx", "flowed", "tracker", "heading", "rec-colon", words="audit"),
    V("harrowby", "xlsx", "grid", "statusfirst", "row", "word-dash", words="inspection", rag="fill"),
    V("harrowby", "xlsx", "grid", "progressonly", "prefix-ref", words="delivery"),
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

VARIATIONS: Final = (*FENMARSH, *HARROWBY, *KESTWICK)

PLAIN: Final = {"fenmarsh": FENMARSH[0], "harrowby": HARROWBY[0], "kestwick": KESTWICK[0]}
