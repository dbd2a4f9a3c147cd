"""Understanding a read document: sections, metadata, counts, enumerations, tables, era.

`report.build_report(document, ...)` turns a `core.document.Document` into a `core.model.Report`.
May import only `checker.core`; never `checker.readers` (a Document is all it sees).
"""
