"""Normalisers: pure functions from raw plan text to typed values (timescales, owners, text). No I/O."""

from normalise.owners import split_owners
from normalise.timescale import parse_timescale

__all__ = ["parse_timescale", "split_owners"]
