"""Normalisers: pure functions from raw plan text to typed values (timescales, owners, text). No I/O.

Their vocabularies, indexes and pipelines are built on first use and kept
for the process; :func:`warm` builds them all at once.
"""

from actionplans.normalise import councils, owners, roles, status, themes, timescale
from actionplans.normalise.owners import split_owners
from actionplans.normalise.timescale import parse_timescale


def warm() -> None:
    """Build now every index, vocabulary and pipeline the normalisers would build on first use.

    For a batch worker's initializer: the council gazetteer's index, the
    role grammar, vocabulary and patterns, the theme vocabulary and matchers,
    the status vocabulary, and the timescale patterns (dateparser, a fallback
    few plans need, is left to its first use), so that no document pays for
    them.  Results are the same warm
    or cold; a second call costs nothing (each is built once per process).
    """
    for build in (councils.warm, owners.warm, roles.warm, themes.warm, status.warm, timescale.warm):
        build()


__all__ = ["parse_timescale", "split_owners", "warm"]
