"""One presence record from YAML: fields checked against the closed sets, dates, status, evidence."""

from __future__ import annotations

import re
from typing import TypeVar

from yaml.nodes import MappingNode, Node

from deckgen.core.errors import Collector, Loc
from deckgen.core.suggest import did_you_mean
from deckgen.core.yamlnodes import MapReader, describe, node_loc
from deckgen.dataset.dates import DateError, parse_year_month, read_year_month_day
from deckgen.dataset.evidence import EvidenceChecker
from deckgen.dataset.model import Evidence, Kind, PresenceRecord, Region, Status, YearMonth

RECORD_KEYS = (
    "id",
    "country",
    "region",
    "kind",
    "label",
    "since",
    "status",
    "until",
    "reduced",
    "evidence",
    "reviewed",
)
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
# Statuses whose records have ended, or may have: only these take an 'until'.
_ENDED = (Status.WITHDRAWN, Status.CONTESTED)
_T = TypeVar("_T", Region, Kind)
# The most characters of a label or display name, which charts show at 12 pt or more: the
# example's longest label is 85. A 100,000-character label took minutes to lay out as a timeline.
MAX_CHART_TEXT = 200


def chart_text(r: MapReader, key: str, what: str) -> str | None:
    """``r.text(key)`` for text a chart shows; a located error, and None, past MAX_CHART_TEXT."""
    value = r.text(key, required=True, what=what)
    if value is None or len(value) <= MAX_CHART_TEXT:
        return value
    r.diags.error(
        r.value_loc(key),
        "text-too-long",
        f"'{key}' is {len(value):,} characters; text a chart shows is at most {MAX_CHART_TEXT}",
        hint="say it in a few words; the evidence holds the detail",
        key=f"{r.where}.{key}",
    )
    return None


def check_id(value: str, loc: Loc, key: str, *, what: str, diags: Collector) -> bool:
    """Report an id that is not lowercase letters, digits and hyphens; True when it is fine."""
    if _ID.fullmatch(value):
        return True
    diags.error(
        loc,
        "bad-id",
        f"{what} '{value}' should use lowercase letters, digits and hyphens",
        hint=f"for example '{re.sub(r'[^a-z0-9]+', '-', value.lower()).strip('-') or 'my-id'}'",
        key=key,
        span=max(1, len(value)),
    )
    return False


class RecordReader:
    """Reads the items of ``records:``; remembers ids so that a reused one is reported."""

    def __init__(
        self,
        *,
        path: str,
        diags: Collector,
        regions: dict[str, Region],
        kinds: dict[str, Kind],
        checker: EvidenceChecker,
    ) -> None:
        self.path = path
        self.diags = diags
        self.regions = regions
        self.kinds = kinds
        self.checker = checker
        self.record_ids: dict[str, int] = {}  # id -> line of first use

    def reader(self, node: MappingNode, where: str) -> MapReader:
        return MapReader(node, path=self.path, where=where, diags=self.diags)

    def record(self, index: int, node: Node) -> PresenceRecord | None:
        where = f"records[{index}]"
        if not isinstance(node, MappingNode):
            self.diags.error(
                node_loc(self.path, node),
                "wrong-type",
                f"each record should be a mapping starting with 'id:', got {describe(node)}",
                key=where,
            )
            return None
        r = self.reader(node, where)
        record_id = r.text("id", required=True, what="a unique id, e.g. syria-tartus")
        if record_id is not None:
            self.unique_id(record_id, r)
        country = self.country(r)
        region = self.lookup(r, "region", self.regions, "regions")
        kind = self.lookup(r, "kind", self.kinds, "kinds")
        label = chart_text(r, "label", "what the presence is, in a few words")
        since = self.date(r, "since", required=True)
        status = self.status(r)
        until = self.date(r, "until", required=False)
        self.check_period(r, status, since, until)
        reduced = self.check_reduced(r, status, since)
        evidence = self.evidence(r)
        reviewed = read_year_month_day(r, "reviewed", "the day or month it was last checked, e.g. 2024-03-15")
        r.finish(RECORD_KEYS, context="in a record")
        if (
            record_id is None
            or country is None
            or region is None
            or kind is None
            or not label
            or since is None
            or status is None
            or not evidence
        ):
            return None
        code, name = country
        return PresenceRecord(
            record_id,
            code,
            name,
            region,
            kind,
            label,
            since,
            status,
            until,
            evidence,
            r.loc,
            reviewed,
            reduced=reduced,
        )

    def unique_id(self, record_id: str, r: MapReader) -> None:
        loc = r.value_loc("id")
        if not check_id(record_id, loc, f"{r.where}.id", what="record id", diags=self.diags):
            return
        first = self.record_ids.get(record_id)
        if first is not None:
            self.diags.error(
                loc,
                "duplicate-id",
                f"record id '{record_id}' is used twice",
                hint=f"it is already the id of the record on line {first}; ids must be unique",
                key=f"{r.where}.id",
                span=len(record_id),
            )
            return
        self.record_ids[record_id] = loc.line

    def country(self, r: MapReader) -> tuple[str, str] | None:
        node = r.mapping("country", required=True, what="{code: SY, name: Syria}")
        if node is None:
            return None
        cr = self.reader(node, f"{r.where}.country")
        code = cr.text("code", required=True, what="the ISO 3166-1 two-letter code, e.g. SY")
        name = chart_text(cr, "name", "the name shown on charts")
        cr.finish(("code", "name"), context="in 'country'")
        if code is not None and not _COUNTRY_CODE.fullmatch(code):
            upper = code.strip().upper()
            hint = (
                f"write '{upper}'"
                if _COUNTRY_CODE.fullmatch(upper)
                else "use the ISO 3166-1 alpha-2 code, two capital letters (Syria is SY)"
            )
            self.diags.error(
                cr.value_loc("code"),
                "bad-country-code",
                f"country code '{code}' should be two capital letters",
                hint=hint,
                key=f"{cr.where}.code",
                span=max(1, len(code)),
            )
            return None
        if code is None or not name:
            return None
        return code, name

    def lookup(self, r: MapReader, key: str, known: dict[str, _T], plural: str) -> _T | None:
        value = r.text(key, required=True, what=f"one of the {plural} defined above")
        if value is None:
            return None
        found = known.get(value)
        if found is None:
            close = did_you_mean(value, known)
            hint = f"{close} " if close else ""
            self.diags.error(
                r.value_loc(key),
                f"unknown-{key}",
                f"unknown {key} '{value}'",
                hint=hint + f"the {plural} are: " + ", ".join(known),
                key=f"{r.where}.{key}",
                span=len(value),
            )
        return found

    def date(self, r: MapReader, key: str, *, required: bool) -> YearMonth | None:
        text = r.text(key, required=required, what="a year (2014) or a year and month (2014-03)")
        if text is None:
            return None
        try:
            return parse_year_month(text)
        except DateError as exc:
            self.diags.error(
                r.value_loc(key),
                "bad-date",
                f"'{key}' should be a year or a year and month: {exc.message}",
                hint=exc.hint,
                key=f"{r.where}.{key}",
                span=max(1, len(text)),
            )
            return None

    def status(self, r: MapReader) -> Status | None:
        names = [s.value for s in Status]
        value = r.text("status", required=True, what=" | ".join(names))
        if value is None:
            return None
        try:
            return Status(value)
        except ValueError:
            close = did_you_mean(value, names)
            hint = f"{close} " if close else ""
            self.diags.error(
                r.value_loc("status"),
                "unknown-status",
                f"unknown status '{value}'",
                hint=hint + "a status is one of: " + ", ".join(names),
                key=f"{r.where}.status",
                span=len(value),
            )
            return None

    def check_period(
        self, r: MapReader, status: Status | None, since: YearMonth | None, until: YearMonth | None
    ) -> None:
        if status is Status.WITHDRAWN and until is None and not r.has("until"):
            self.diags.error(
                r.value_loc("status"),
                "missing-until",
                "a withdrawn record needs 'until' (when the presence ended)",
                hint="add 'until: YYYY-MM', or use 'status: reduced' and 'reduced: YYYY-MM' if part of it "
                "is still there",
                key=f"{r.where}.until",
                span=len(status.value),
            )
        if status is not None and status not in _ENDED and r.has("until"):
            reduced = status is Status.REDUCED
            self.diags.error(
                r.key_loc("until"),
                "unexpected-until",
                f"'{status.value}' records have no end, but 'until' is given",
                hint="a reduced record is still there: replace 'until' with 'reduced: YYYY-MM', when it "
                "was drawn down (or set 'status: withdrawn' if it has ended)"
                if reduced
                else "remove 'until', or set 'status: withdrawn' (or 'status: reduced' with 'reduced: "
                "YYYY-MM' for a partial drawdown that leaves it in place)",
                key=f"{r.where}.until",
                span=len("until"),
            )
        if since is not None and until is not None and until < since:
            self.diags.error(
                r.value_loc("until"),
                "until-before-since",
                f"'until' ({until}) is before 'since' ({since})",
                hint="check both dates; 'until' is when the presence ended",
                key=f"{r.where}.until",
                span=len(str(until)),
            )

    def check_reduced(self, r: MapReader, status: Status | None, since: YearMonth | None) -> YearMonth | None:
        """The drawdown date of a reduced record: required for 'reduced', an error on any other status."""
        reduced = self.date(r, "reduced", required=False)
        if status is Status.REDUCED and reduced is None and not r.has("reduced"):
            self.diags.error(
                r.value_loc("status"),
                "missing-reduced",
                "a reduced record needs 'reduced' (when the presence was drawn down)",
                hint="add 'reduced: YYYY-MM' under 'status:', or 'reduced: YYYY' if only the year is known",
                key=f"{r.where}.reduced",
                span=len(status.value),
            )
        if status is not None and status is not Status.REDUCED and r.has("reduced"):
            self.diags.error(
                r.key_loc("reduced"),
                "unexpected-reduced",
                f"'{status.value}' records have no drawdown, but 'reduced' is given",
                hint="set 'status: reduced' if the presence was partly drawn down and is still there, "
                "else remove 'reduced'",
                key=f"{r.where}.reduced",
                span=len("reduced"),
            )
        if since is not None and reduced is not None and reduced < since:
            self.diags.error(
                r.value_loc("reduced"),
                "reduced-before-since",
                f"'reduced' ({reduced}) is before 'since' ({since})",
                hint="check both dates; 'reduced' is when the presence was drawn down, after it began",
                key=f"{r.where}.reduced",
                span=len(str(reduced)),
            )
        return reduced if status is Status.REDUCED else None

    def evidence(self, r: MapReader) -> tuple[Evidence, ...]:
        nodes = r.sequence("evidence")
        if not nodes:
            if nodes is not None or not r.has("evidence"):
                self.diags.error(
                    r.value_loc("evidence") if r.has("evidence") else r.loc,
                    "no-evidence",
                    f"{r.where} has no evidence",
                    hint="every record needs at least one item under 'evidence:': a 'cite:' with "
                    "a 'quote:' from an article, or 'publisher:', 'title:' and 'date:'",
                    key=f"{r.where}.evidence",
                )
            return ()
        found = [self.checker.evidence(n, f"{r.where}.evidence[{i}]") for i, n in enumerate(nodes)]
        return tuple(e for e in found if e is not None)
