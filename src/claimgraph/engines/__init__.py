"""Engines that run the per-document pipeline (``pipeline.Pipeline``) at scale.

* ``local``: a pool of worker processes on one machine (``claimgraph run --workers N``);
* ``spark``: the same stages in PySpark ``mapPartitions``, written to Parquet
  (``claimgraph run --engine spark --out DIR``, or ``python -m claimgraph.engines.spark`` under spark-submit);
* ``parquet``: the Parquet layout both sides agree on, derived from ``model.DOCUMENT_SCHEMA``, and
  ``load_parquet`` that imports it into the DuckDB store (``claimgraph load DIR``).

Every engine builds its ``Pipeline`` from the run's options: a registered component runs under every
engine. ``runner.run`` takes an engine as its strategy for the per-document part: ``local.LocalEngine``
(the default) or ``spark.SparkEngine``.
"""
