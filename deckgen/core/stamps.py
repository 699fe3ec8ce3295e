"""The build's time stamp from SOURCE_DATE_EPOCH (reproducible-builds.org), checked before use."""

from __future__ import annotations

import os
from datetime import UTC, datetime

# Seconds since 1970 up to the last second of year 9999: what a document's properties can hold.
LATEST_EPOCH = 253402300799


class BadEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a time a deck can carry."""


def source_date_epoch() -> datetime | None:
    """The time SOURCE_DATE_EPOCH names, None when it is unset or empty; ``BadEpoch`` otherwise."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > LATEST_EPOCH:
        raise BadEpoch(
            f"SOURCE_DATE_EPOCH={value[:40]!r} is not a time a deck can carry: "
            "write whole seconds since 1970-01-01 UTC, up to the year 9999"
        )
    return datetime.fromtimestamp(int(value), tz=UTC).replace(tzinfo=None)
