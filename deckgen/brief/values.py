"""What the field readers found in one YAML mapping, by key, for a builder to turn into a body."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import cast

from deckgen.brief.fieldtypes import Field, FieldType
from deckgen.brief.model import BulletSpec, Claim, Located
from deckgen.core.errors import Loc
from deckgen.core.yamlnodes import MapReader


@dataclass
class Values:
    """Each key's value as its field type reads it; a key left out or written wrong is absent.

    The accessors check the field's type, so a builder that reads a key as the wrong type fails
    in the tests rather than handing the model a value of another shape.
    """

    reader: MapReader
    fields: dict[str, Field]
    found: dict[str, object] = field(default_factory=dict)
    # Keys that make the mapping unusable though they may have been given: an unknown choice,
    # or a group of which at least one key is needed and none was given.
    failed: set[str] = field(default_factory=set)
    # Text that states facts, from the fields marked ``claim`` (nested mappings' included).
    claims: list[Claim] = field(default_factory=list)

    @property
    def loc(self) -> Loc:
        return self.reader.loc

    def complete(self, *, besides: Collection[str] = ()) -> bool:
        """Every required key was read (those in ``besides`` aside) and nothing failed."""
        required = (f.key for f in self.fields.values() if f.required and f.key not in besides)
        return not self.failed and all(key in self.found for key in required)

    def _get(self, key: str, *types: FieldType) -> object | None:
        assert self.fields[key].type in types, f"'{key}' is a {self.fields[key].type}, not {types}"
        return self.found.get(key)

    def located(self, key: str) -> Located | None:
        value = self._get(key, FieldType.TEXT, FieldType.ADDRESS, FieldType.ENUM, FieldType.YEAR_MONTH)
        assert value is None or isinstance(value, Located)
        return value

    def need(self, key: str) -> Located:
        """A required key's value, for a builder that runs only when the values are complete."""
        value = self.located(key)
        assert value is not None, f"'{key}' is required; build only complete values"
        return value

    def maybe_text(self, key: str) -> str | None:
        value = self.located(key)
        return value.value if value is not None else None

    def text(self, key: str) -> str:
        """The text written, or the field's default, or ""."""
        value = self.located(key)
        if value is not None:
            return value.value
        return self.fields[key].default or ""

    def integer(self, key: str) -> int | None:
        value = self._get(key, FieldType.INTEGER)
        assert value is None or isinstance(value, int)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        return cast(tuple[str, ...], self._get(key, FieldType.TEXT_LIST) or ())

    def many(self, key: str) -> tuple[Located, ...]:
        return cast(tuple[Located, ...], self._get(key, FieldType.ONE_OR_MORE) or ())

    def numbers(self, key: str) -> tuple[int, ...]:
        return cast(tuple[int, ...], self._get(key, FieldType.SENTENCES) or ())

    def bullets(self, key: str) -> tuple[BulletSpec, ...]:
        return cast(tuple[BulletSpec, ...], self._get(key, FieldType.BULLETS) or ())

    def record(self, key: str) -> Values | None:
        value = self._get(key, FieldType.MAPPING)
        assert value is None or isinstance(value, Values)
        return value

    def need_record(self, key: str) -> Values:
        value = self.record(key)
        assert value is not None, f"'{key}' is required; build only complete values"
        return value

    def boolean(self, key: str) -> bool:
        """The value given, or False."""
        return self._get(key, FieldType.BOOLEAN) is True

    def records(self, key: str) -> tuple[Values, ...]:
        return cast(tuple[Values, ...], self._get(key, FieldType.MAPPING_LIST) or ())
