"""Benchmark: loading, analyses, app pages, memory and growth at several dataset sizes.

Run with ``python -m bench`` (``--help`` for options). Every scale gets a fresh embedded
FalkorDB in a temporary folder; results go to ``bench/results/results.md`` and ``.json``.
The Cypher of the comparison loaders (``bench.baselines``) is the baseline being measured,
not product Cypher, so it lives here and not in ``queries/``.
"""
