"""Metamorphic tests of extraction: the same plan in many layouts must give the same records.

``plans`` holds three fictional plans as data, ``wordings`` the header wordings
real plans use, ``render`` typesets a plan under a ``Variation``,
``variations`` lists the variations the suite runs, and ``expected`` says
what every rendering must give and compares an extraction with it.  The
tests are in ``tests/test_metamorphic.py``; ``scripts/metamorphic_report.py``
prints how each variation reads.
"""
