"""Celery tasks of the catalog."""

from celery import shared_task


# Hundreds of studies at a polite pace, each maybe retried: far past the default 60 s limits.
@shared_task(soft_time_limit=3 * 3600, time_limit=3 * 3600 + 60)
def sync_ctgov() -> dict:
    """The daily registry sync (beat): counts, and what failed."""
    from trials.sync import sync

    report = sync()
    return {
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "skipped": report.skipped,
        "failed": report.failed,
    }
