"""Table templates (rules/templates/*.yaml): the model (`model`), the loader (`loader`), label
normalisation (`labels`) and tables given as data (`raw`). Readers print structured tables from
them and extract finds printed tables with them, so they live in the floor both stand on.

May import only `checker.core`.
"""
