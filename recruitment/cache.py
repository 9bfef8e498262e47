"""A Redis cache that degrades to misses when Redis is down.

The cache only ever holds what can be recomputed (QR images, public pages), so a Redis outage
must never turn a patient's visit into an error page.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

class _Client(RedisCacheClient):
    """Django's client, but it builds a redis-py client once per pool rather than once per call:
    a cached page or QR image spent more time making the client than in Redis."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # pool index -> redis-py client

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client

    def _failed(self, operation, exc):
        logger.warning("cache %s failed, carrying on without the cache: %s", operation, exc)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            self._failed("get", exc)
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

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as exc:
            self._failed("incr", exc)
            raise ValueError("cache unavailable") from exc

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as exc:
            self._failed("delete", exc)
            return False
