"""Normalisers: pure functions from raw plan text to typed values (timescales, owners, text). No I/O."""
