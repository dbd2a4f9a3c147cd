"""Understanding a read document: sections, metadata, counts, enumerations, tables, era."""
