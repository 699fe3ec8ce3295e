"""Source articles: files to sections and numbered paragraphs, the address grammar, suggestions."""

from __future__ import annotations

from deckgen.sources.address import (
    AddressError,
    AddressInfo,
    AddressSyntaxError,
    is_valid_id,
    list_addresses,
    parse_address,
    resolve_address,
    suggest_sections,
)
from deckgen.sources.importer import import_text
from deckgen.sources.library import SourceLibrary
from deckgen.sources.markdown import load_article, parse_article, slugify
from deckgen.sources.matching import quote_closest
from deckgen.sources.model import Address, Article, Author, Paragraph, Passage, PubDate, Section

__all__ = [
    "Address",
    "AddressError",
    "AddressInfo",
    "AddressSyntaxError",
    "Article",
    "Author",
    "Paragraph",
    "Passage",
    "PubDate",
    "Section",
    "SourceLibrary",
    "import_text",
    "is_valid_id",
    "list_addresses",
    "load_article",
    "parse_address",
    "parse_article",
    "quote_closest",
    "resolve_address",
    "slugify",
    "suggest_sections",
]
