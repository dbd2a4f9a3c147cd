"""Tables 二/三/四 from a report's text (`extract`: regions → tokens → rows → cells, with the
notes of what could not be placed) or from structured data (`data`), as `model.Table`.

May import `checker.core` and other `checker.extract` modules; never `checker.readers`.
"""
