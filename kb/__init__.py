"""Capability graph knowledge base for municipal IT.

The library behind the ``kb`` command and the Streamlit app:

- ``kb.store.open_store()``: the graph database (embedded FalkorDB, FalkorDB, Neo4j);
- ``kb.load.load_path(store, path)``: read, validate and load a dataset, all or nothing;
- ``kb.export.export_dataset(store)``: the graph back as a dataset (``table_rows``: one table,
  page by page); ``kb.diff.diff_graph(store, dataset)``: what loading ``dataset`` would change;
- ``kb.queries``: the saved Cypher queries in ``queries/``;
- ``kb.analysis.run_analysis(store, name)``: shared, weak, candidates and the rest.
"""

__version__ = "0.1.0"
