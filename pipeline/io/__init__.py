"""Files: every file the project writes or reads back, one module per format.

* :mod:`~pipeline.io.schema`   the columns of every CSV file and their types, defined once;
* :mod:`~pipeline.io.tables`   one row generator, writer and reader per CSV file (articles, sentences,
  mentions, numbers, abbreviations, merges, nodes, edges, evidence);
* :mod:`~pipeline.io.csvfile`  CSV cells: number formatting and the spreadsheet-formula guard;
* :mod:`~pipeline.io.gephi`    graph.graphml and graph.gexf;
* :mod:`~pipeline.io.run`      a run folder as a whole: ``write_run`` / ``read_run``, the graph's files,
  ``kg export`` and ``kg ego`` outputs;
* :mod:`~pipeline.io.folder`   which stage writes which file, staged saves with manifest.json last, the
  checks on an output folder;
* :mod:`~pipeline.io.files`    atomic writes and safe reads of single files;
* :mod:`~pipeline.io.codec`    the extraction cache's JSON payload.

graph.html is rendered by :mod:`pipeline.page` and written through :func:`pipeline.io.files.write_text`.
"""
