"""actionplans: council action plans in, analysis-ready Parquet out.

The work is done by three packages: ``extractors`` (document -> records),
``normalise`` (raw strings -> typed values) and ``pipeline`` (batch ingest,
Parquet, the ``actionplans`` command).  This package holds what they share:
the version, the typed records (:mod:`actionplans.records`) and the readers' options
(:mod:`actionplans.options`).
"""

__version__ = "0.1.0"
