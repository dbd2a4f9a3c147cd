# The bundled rule packs, installed as the package `checker.packs` (see pyproject.toml).
