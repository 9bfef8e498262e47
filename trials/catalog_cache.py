"""What the public pages keep of the catalog in Django's cache, and how a write drops it.

Every entry's key carries the catalog's version. Any write to a trial, site, criterion, campaign
or sponsor (in admin, by an import, by seed_demo) makes a new version once its transaction
commits, so the next request reads the catalog afresh: nothing is ever shown stale, and nothing
has to know which entries a change touched. Entries also expire after PUBLIC_PAGE_CACHE_SECONDS.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "catalog:version"


def version() -> str:
    """The catalog's current version (a new one is made if the cache lost it)."""
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, current, None):
            current = cache.get(VERSION_KEY, current)
    return current


def key(*parts) -> str:
    return ":".join(["catalog", version(), *map(str, parts)])


def enabled() -> bool:
    return settings.PUBLIC_PAGE_CACHE_SECONDS > 0


def fragment_context(*parts) -> dict:
    """What a template's `{% cache %}` of a catalog fragment needs: how long, and the key parts
    after the fragment's name (the catalog's version first)."""
    if not enabled():
        return {"cache_seconds": 0, "cache_key": ""}
    return {"cache_seconds": settings.PUBLIC_PAGE_CACHE_SECONDS, "cache_key": key(*parts)}


def changed() -> None:
    """The catalog changed: once the change is committed, every cached page of it is dropped."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def _on_write(sender, **kwargs):
    changed()


def connect() -> None:
    """Writes through the ORM's save and delete (admin, most services) drop the cache by
    themselves; bulk writes (`update`, `bulk_create`) call `changed()`."""
    from trials.models import Campaign, Criterion, Site, SponsorOrganisation, Trial

    for model in (Trial, Site, Criterion, Campaign, SponsorOrganisation):
        post_save.connect(_on_write, sender=model, dispatch_uid=f"catalog-save-{model.__name__}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"catalog-delete-{model.__name__}")
