"""A Redis cache that degrades to misses when Redis is down, and costs one round trip an operation.

The cache only ever holds what can be recomputed (QR images, public pages), so a Redis outage
must never turn a patient's visit into an error page.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# INCRBY only if the key exists (Django's contract: a missing key is an error), in one round trip.
_INCR_EXISTING = "if redis.call('exists', KEYS[1]) == 1 then return redis.call('incrby', KEYS[1], ARGV[1]) end"


class _Client(RedisCacheClient):
    """Django's client, but it builds a redis-py client once per pool rather than once per call,
    and increments with one command rather than two: each submission's rate-limit check spent
    more time in those than in Redis."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # pool index -> (redis-py client, its increment script)

    def _client_and_incr(self, write):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = (client, client.register_script(_INCR_EXISTING))
        return self._clients[index]

    def get_client(self, key=None, *, write=False):
        return self._client_and_incr(write)[0]

    def incr(self, key, delta):
        value = self._client_and_incr(write=True)[1](keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


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
