"""What the public pages keep of the catalog in Django's cache, and how a write drops it.

Every entry's key carries the catalog's version. Any write to a trial, site, criterion, campaign
or sponsor (in admin, by an import, by seed_demo, by a migration) makes a new version once its
transaction commits, so the next request reads the catalog afresh: nothing is ever shown stale,
and nothing has to know which entries a change touched. Entries also expire after
PUBLIC_PAGE_CACHE_SECONDS.

A request reads the version once, before it reads the catalog, and files everything it caches
under that version: data read after a change committed may land under the old version, which
nobody reads any more, but data read before it can never land under the new one.
"""

from __future__ import annotations

import functools
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page

# The shape of what is cached: a release that changes it must change this, so that it never
# reads entries an older release wrote.
CACHE_FORMAT = 2
VERSION_KEY = f"catalog:version:{CACHE_FORMAT}"


def version() -> str:
    """The catalog's current version (a new one is made if the cache lost it)."""
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, current, None):
            current = cache.get(VERSION_KEY, current)
    return current


def key(version: str, *parts) -> str:
    return ":".join(["catalog", str(CACHE_FORMAT), version, *map(str, parts)])


def enabled() -> bool:
    return settings.PUBLIC_PAGE_CACHE_SECONDS > 0


def fragment_context(version: str | None, *parts) -> dict:
    """What a template's `{% cache %}` of a catalog fragment needs: how long (0: render it, never
    read nor write the cache), and the key parts after the fragment's name. `version`: the one
    this request read before reading the catalog (None: caching is off)."""
    if not enabled() or version is None:
        return {"cache_seconds": 0, "cache_key": ""}
    return {"cache_seconds": settings.PUBLIC_PAGE_CACHE_SECONDS, "cache_key": key(version, *parts)}


def cached_page(cacheable):
    """A public page served whole from Django's cache (`cache_page`) when `cacheable(request)`:
    one copy per address, which names the language (and per language besides, as Django keys
    it), filed under the catalog version read before the page is made, so that a catalog write
    drops it with everything else. Browsers and proxies are told to ask again each time: only
    this cache, which every write empties, may keep a page."""

    def decorator(view):
        @functools.wraps(view)
        def page(request, *args, **kwargs):
            if not enabled() or not cacheable(request):
                return view(request, *args, **kwargs)
            cached = cache_page(settings.PUBLIC_PAGE_CACHE_SECONDS, key_prefix=key(version(), "page"))(view)
            response = cached(request, *args, **kwargs)
            patch_cache_control(response, max_age=0)
            del response["Expires"]
            return response

        return page

    return decorator


def changed() -> None:
    """The catalog changed: once the change is committed, every cached page of it is dropped."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def _on_write(sender, **kwargs):
    changed()


def connect() -> None:
    """Writes through the ORM's save and delete (admin, most services) drop the cache by
    themselves; bulk writes (`update`, `bulk_create`) call `changed()`; so does every `migrate`
    (a data migration's historical models send no signal to these handlers)."""
    from trials.models import Campaign, Criterion, Site, SponsorOrganisation, Trial

    for model in (Trial, Site, Criterion, Campaign, SponsorOrganisation):
        post_save.connect(_on_write, sender=model, dispatch_uid=f"catalog-save-{model.__name__}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"catalog-delete-{model.__name__}")
    post_migrate.connect(_on_write, dispatch_uid="catalog-migrate")
