"""ogi-checker: checks 政府信息公开工作年度报告 against declarative YAML rule packs."""

__version__ = "0.1.0"
