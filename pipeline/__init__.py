"""Pipeline: discover -> extract -> normalise -> write; the Parquet schema; the ``actionplans`` command."""
