"""A Redis cache that degrades to misses when Redis is down.

The cache only ever holds what can be recomputed (QR images, public pages), so a Redis outage
must never turn a patient's visit into an error page.
"""

import logging
import pickle

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    def _failed(self, operation, exc):
        logger.warning("cache %s failed, carrying on without the cache: %s", operation, exc)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            self._failed("get", exc)
            return default
        except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError) as exc:
            # An entry another release wrote, whose classes this one no longer has: a miss.
            self._failed("get (unreadable entry)", exc)
            return default

    def set(self, key, value, timeout=..., version=None):
        timeout = self.default_timeout if timeout is ... else timeout
        try:
            return super().set(key, value, timeout, version)
        except RedisError as exc:
            self._failed("set", exc)

    def add(self, key, value, timeout=..., version=None):
        timeout = self.default_timeout if timeout is ... else timeout
        try:
            return super().add(key, value, timeout, version)
        except RedisError as exc:
            self._failed("add", exc)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as exc:
            self._failed("delete", exc)
            return False
