"""WordprocessingML names and a safe XML parser for the parts of a docx."""

from __future__ import annotations

from lxml import etree

from checker.core.errors import ReadError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def parse_part(data: bytes, name: str) -> etree._Element:
    """No DTD, no entity expansion, no network: a docx part is data, never instructions."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError("broken_docx", f"Word 文档已损坏：{name} 不是有效的 XML（{exc}）") from exc


def attr(element: etree._Element, name: str) -> str:
    """A w: attribute's value ("" if absent)."""
    return str(element.get(W + name, ""))
