"""The review page as a reader's browser sees it: parsed with the standard library into a small
tree of elements, so tests ask for what a reviewer sees (classes, text), not for markup strings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """Every text inside, entities decoded, as the page shows it."""
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def shown(self, *, skip: str) -> str:
        """The text without that of the elements of class ``skip`` (the flags after terms)."""
        return "".join(
            c if isinstance(c, str) else ("" if skip in c.classes else c.shown(skip=skip))
            for c in self.children
        )

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()

    def find(self, test: Callable[[Element], bool]) -> list[Element]:
        return [e for e in self.walk() if test(e)]

    def tags(self, tag: str) -> list[Element]:
        return self.find(lambda e: e.tag == tag)

    def having(self, *classes: str) -> list[Element]:
        """Elements with every one of ``classes``."""
        return self.find(lambda e: set(classes) <= e.classes)

    def following(self, child: Element) -> Element | None:
        """The element right after ``child`` among this element's children."""
        kids = [c for c in self.children if isinstance(c, Element)]
        at = next(i for i, c in enumerate(kids) if c is child)
        return kids[at + 1] if at + 1 < len(kids) else None


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    """The page's tree; every element must be closed where it was opened (the page nests)."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], f"unclosed: {[e.tag for e in builder.stack[1:]]}"
    return builder.root


def figures(page: Element) -> dict[str, int]:
    """The summary's figures, by label: ``{"unsupported terms": 0, ...}``."""
    out = {}
    for card in page.having("figure"):
        (label,) = card.tags("dt")
        (value,) = card.tags("dd")
        out[label.text] = int(value.text)
    return out
