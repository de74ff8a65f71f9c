"""Evaluation for claimgraph: dataset readers, gold-set checks and metrics.

Used by bench/quality_*.py, bench/speed_*.py, scripts/train_*.py and the tests; nothing in the
runtime package (src/claimgraph) imports it, so it does not ship with an install. Importable as
``claimgraph_eval`` because bench/ is on the path: the bench scripts' own folder, the training
scripts' sys.path insert, pytest's ``pythonpath`` option in pyproject.toml.
"""
