"""UTC moments: the one time convention of the store and the review schedule."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(moment: datetime | None = None) -> datetime:
    """A timezone-aware UTC datetime (now if None); naive datetimes are taken to be UTC already."""
    if moment is None:
        return datetime.now(UTC)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    # fsrs insists on tzinfo being exactly timezone.utc, not merely an equivalent zone.
    return moment.astimezone(UTC)
