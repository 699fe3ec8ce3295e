"""Template profiles: reading and checking the ``<template>.profile.yaml`` beside a template."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from yaml.nodes import MappingNode

from deckgen.core.assets import profile_path
from deckgen.core.errors import Collector, DeckgenError, Diagnostic, Loc, file_problem, sort_diagnostics
from deckgen.core.files import FileProblem, read_text
from deckgen.core.suggest import suggestions
from deckgen.core.yamlnodes import MapReader, compose, node_loc
from deckgen.plan.model import Layout
from deckgen.render.template.model import TemplateProfile as TemplateProfile
from deckgen.render.template.slots import SLOTS
from deckgen.render.template.slots import NameSource as NameSource
from deckgen.render.template.slots import Placeholder as Placeholder
from deckgen.render.template.slots import find_slots as find_slots

# Re-exported above ("as"): `deckgen template inspect` and the renderer import them from here,
# though the profile lives in model.py and the matching rules in slots.py.

PROFILE_KEYS = ("layouts", "placeholders", "fonts")
FONT_KEYS = ("body", "title")
ROLE_NAMES = tuple(role.value for role in Layout)
PAIRS = (("left", "right"), ("left-heading", "right-heading"))  # given together or not at all


def load_profile(template: Path) -> TemplateProfile | None:
    """The profile beside ``template``, or None when it has none; DeckgenError when it is wrong."""
    path = profile_path(template)
    try:
        text = read_text(path, "profile")  # a regular file within its limit, clean UTF-8
    except FileProblem as exc:
        if exc.code in ("missing-file", "name-too-long"):
            return None  # no profile; one whose name the file system cannot hold cannot exist
        code = "profile-unreadable" if exc.code == "unreadable-file" else None
        raise DeckgenError((file_problem(str(path), exc, code),)) from None
    diags = Collector()
    profile = parse_profile(text, path, diags)
    if diags.has_errors or profile is None:
        raise DeckgenError(sort_diagnostics([_profile_code(d) for d in diags.items]))
    return profile


def _profile_code(diagnostic: Diagnostic) -> Diagnostic:
    """MapReader's codes (``unknown-key``) become ``profile-unknown-key``: scripts can tell them apart."""
    if diagnostic.code.startswith("profile-"):
        return diagnostic
    return replace(diagnostic, code=f"profile-{diagnostic.code}")


def parse_profile(text: str, path: Path, diags: Collector) -> TemplateProfile | None:
    where = str(path)
    root = compose(text, where, diags)
    if root is None:
        # An empty file (or one with only comments) is a profile that changes nothing.
        return None if diags.has_errors else TemplateProfile(path)
    if not isinstance(root, MappingNode):
        diags.error(
            node_loc(where, root),
            "profile-wrong-type",
            "a template profile should be a mapping with 'layouts', 'placeholders' and 'fonts'",
            hint="start the file with 'layouts:' and indent 'content: \"My layout name\"' under it",
        )
        return None
    locs: dict[str, Loc] = {}
    top = MapReader(root, path=where, where="profile", diags=diags)
    layouts = _read_layouts(top, locs)
    placeholders = _read_placeholders(top, locs)
    fonts: dict[str, str] = {}
    node = top.mapping("fonts")
    if node is not None:
        reader = MapReader(node, path=where, where="fonts", diags=diags)
        for key in FONT_KEYS:
            value = reader.text(key)
            if value is not None and value.strip():
                fonts[key] = value.strip()
        reader.finish(FONT_KEYS, context="under 'fonts'")
    top.finish(PROFILE_KEYS, context="in a template profile")
    return TemplateProfile(path, layouts, placeholders, fonts, locs)


def _roles(reader: MapReader, section: str) -> list[tuple[Layout, str]]:
    """The role keys of one section, each checked; unknown ones are reported with a suggestion."""
    found = []
    for entry in reader.items():
        if entry.key in ROLE_NAMES:
            found.append((Layout(entry.key), entry.key))
            continue
        close = suggestions(entry.key, ROLE_NAMES)
        reader.diags.error(
            node_loc(reader.path, entry.key_node),
            "profile-unknown-role",
            f"unknown slide role '{entry.key}' under '{section}'",
            hint=f"did you mean '{close[0]}'?" if close else "the roles are: " + ", ".join(ROLE_NAMES),
            key=f"{section}.{entry.key}",
            span=len(entry.key),
        )
    return found


def _read_layouts(top: MapReader, locs: dict[str, Loc]) -> dict[Layout, str]:
    node = top.mapping("layouts")
    if node is None:
        return {}
    reader = MapReader(node, path=top.path, where="layouts", diags=top.diags)
    layouts = {}
    for role, key in _roles(reader, "layouts"):
        name = reader.text(key)
        if name is None:
            continue
        if not name.strip():
            reader.diags.error(
                reader.value_loc(key),
                "profile-empty-name",
                f"'layouts.{key}' is empty",
                hint="give the layout's name exactly as PowerPoint shows it (`deckgen template inspect`)",
                key=f"layouts.{key}",
            )
            continue
        layouts[role] = name
        locs[f"layouts.{key}"] = reader.value_loc(key)
    return layouts


def _read_placeholders(top: MapReader, locs: dict[str, Loc]) -> dict[Layout, dict[str, int]]:
    node = top.mapping("placeholders")
    if node is None:
        return {}
    reader = MapReader(node, path=top.path, where="placeholders", diags=top.diags)
    result: dict[Layout, dict[str, int]] = {}
    for role, key in _roles(reader, "placeholders"):
        slots_node = reader.mapping(key)
        if slots_node is None:
            continue
        slots = MapReader(slots_node, path=top.path, where=f"placeholders.{key}", diags=top.diags)
        given: dict[str, int] = {}
        for slot in SLOTS[role]:
            idx = slots.integer(slot)
            if idx is None:
                continue
            if idx < 0:
                slots.diags.error(
                    slots.value_loc(slot),
                    "profile-bad-idx",
                    f"placeholder idx must be 0 or more, got {idx}",
                    key=f"placeholders.{key}.{slot}",
                )
                continue
            given[slot] = idx
        slots.finish(SLOTS[role], context=f"for '{key}'")
        _check_slots(slots, key, given)
        result[role] = given
        locs[f"placeholders.{key}"] = reader.value_loc(key)
    return result


def _check_slots(reader: MapReader, role: str, given: dict[str, int]) -> None:
    """One idx per slot, and pairs (left/right) given together, or the columns would be lopsided."""
    for pair in PAIRS:
        present = [slot for slot in pair if slot in given]
        if len(present) == 1:
            reader.diags.error(
                reader.loc,
                "profile-incomplete-placeholders",
                f"'placeholders.{role}' gives '{present[0]}' but not its pair",
                hint=f"give both '{pair[0]}' and '{pair[1]}'",
                key=f"placeholders.{role}",
            )
    seen: dict[int, str] = {}
    for slot, idx in given.items():
        if idx in seen:
            reader.diags.error(
                reader.value_loc(slot),
                "profile-duplicate-idx",
                f"'{slot}' and '{seen[idx]}' both name placeholder idx {idx}",
                hint="each part of the slide needs its own placeholder",
                key=f"placeholders.{role}.{slot}",
            )
        seen.setdefault(idx, slot)


def placeholder_override(profile: TemplateProfile | None, role: Layout, layout: str) -> dict[str, int]:
    """The profile's idx values for ``role``, unless the profile names another layout for it.

    Values for a role whose layout the profile leaves to the defaults describe that default.
    """
    if profile is None or role not in profile.placeholders:
        return {}
    if profile.layouts.get(role, layout) != layout:
        return {}  # the brief chose another layout; the profile's numbers describe a different one
    return profile.placeholders[role]
