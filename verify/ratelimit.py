"""The public lookup's limit per client address (audit.services.client_ip), counted in the
cache (Redis), so guessing codes is slow; a cache outage lets the lookup through."""

from django.conf import settings
from django.core.cache import cache

from audit.services import client_ip


def over_limit(request) -> bool:
    count, seconds = settings.VERIFY_RATE_LIMIT
    if count <= 0:
        return False
    key = f"verify-rate:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, timeout=seconds)
    used = cache.incr(key) if cache.has_key(key) else None
    return used is not None and used > count
