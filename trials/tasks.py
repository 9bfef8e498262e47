"""Celery tasks of the catalog."""

from celery import shared_task


@shared_task
def sync_ctgov() -> dict:
    """The daily registry sync (beat): counts, and what failed."""
    from trials.sync import sync

    report = sync()
    return {"updated": len(report.updated), "unchanged": len(report.unchanged), "failed": report.failed}
