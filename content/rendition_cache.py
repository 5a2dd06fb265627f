"""The cache of image renditions kept in each process's memory (settings CACHES["renditions"])."""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class ProcessRenditionCache(LocMemCache):
    """Wagtail writes every rendition it has just read from this cache back to it, on
    every `{% picture %}`: each write pickles the rendition with its image again. A
    rendition never changes under its key (a new file or focal point is a new key, a
    deleted rendition leaves the cache), so a key already held is left as it is; it
    expires `TIMEOUT` seconds after it was first written, as any other entry."""

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        for key, value in data.items():
            if not self.has_key(key, version=version):
                self.set(key, value, timeout, version=version)
        return []
