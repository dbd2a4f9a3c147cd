"""The shared floor: what every stage speaks — errors, numbers, the report model (`model`), a
read document (`document`: lines, cell maps, source parts), text normalisation (`textnorm`),
findings and their fingerprints, inline suppressions, the rule model (`rules`), YAML with
line numbers (`yamlsource`) and the table templates (`templates/`).

Imports only the standard library, its own modules and third-party libraries; never another
stage of checker.
"""
