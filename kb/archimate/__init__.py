"""ArchiMate Open Exchange Format (3.1): export the graph for Archi, import an architect's model.

    export_model(dataset, path)        write a dataset as an exchange file
    export_graph(store, path)          the same for the store's whole graph
    import_model(path)                 read an exchange file into rows and an ImportReport
    merge(base, imported)              lay imported rows over a dataset by key, validated
    import_into_graph(store, path)     import, merge with the graph and load (all or nothing)

The mapping between tables and ArchiMate concepts is documented in ``kb.archimate.exchange``.
"""

from kb.archimate.export import ExportSummary, export_graph, export_model
from kb.archimate.import_ import ImportReport, Skipped, import_into_graph, import_model
from kb.archimate.merge import merge

__all__ = ["ExportSummary", "ImportReport", "Skipped", "export_graph", "export_model",
           "import_into_graph", "import_model", "merge"]
