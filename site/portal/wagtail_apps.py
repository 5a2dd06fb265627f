"""Wagtail's images, documents, snippets and redirects apps, without Wagtail's API v3.

Wagtail 8 builds its REST API v3 (django-ninja, with pydantic schemas for every image,
document and snippet model) in these four apps' `ready()`, whether or not a project
serves it: about 14 MB in every process. This project serves no API v3: `wagtail.api.v3`
is not installed and no URL mounts `wagtail.api.v3.urls.api`. The apps' configurations
below run Wagtail's own `ready()` with the modules it imports for the API replaced, for
that call only, by empty modules that register nothing; everything else the apps set up
(permission policies, signal handlers, choosers, comparisons, the reference index) is
Wagtail's unchanged code. Should the API be wanted one day: put Wagtail's app names
back in INSTALLED_APPS (`settings/base.py`) and mount the API's URLs.

Wagtail's admin API (the page explorer and choosers, Django REST framework under
/admin/api/) is another thing and is untouched.
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig


class _NoAPI:
    """Stands for `wagtail.api.v3.api.api`: routers added to it go nowhere."""

    def add_router(self, prefix, router, **kwargs) -> None:
        pass


def _register_nothing() -> None:
    pass


# What the four `ready()` methods import for the API, module by module (Wagtail 8.0).
API_V3_MODULES: dict[str, dict[str, object]] = {
    "wagtail.api.v3.api": {"api": _NoAPI()},
    "wagtail.images.api.v3.registry": {"register_content_types": _register_nothing},
    "wagtail.images.api.v3.router": {"router": None},
    "wagtail.documents.api.v3.registry": {"register_content_types": _register_nothing},
    "wagtail.documents.api.v3.router": {"router": None},
    "wagtail.snippets.api.v3": {"register_content_types": _register_nothing},
    "wagtail.snippets.api.v3.router": {"router": None},
    "wagtail.contrib.redirects.api.v3": {"router": None},
}


@contextmanager
def api_v3_not_loaded() -> Iterator[None]:
    """The API's modules as empty modules while the block runs; a module already loaded
    for real (something imported it before) is left alone and used."""
    placed = {}
    for name, attributes in API_V3_MODULES.items():
        if name in sys.modules:
            continue
        module = ModuleType(name, "Empty: this project does not load Wagtail's API v3.")
        module.__dict__.update(attributes)
        sys.modules[name] = placed[name] = module
    try:
        yield
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


class WithoutAPIv3:
    def ready(self) -> None:
        with api_v3_not_loaded():
            super().ready()


class ImagesConfig(WithoutAPIv3, WagtailImagesAppConfig):
    pass


class DocumentsConfig(WithoutAPIv3, WagtailDocsAppConfig):
    pass


class SnippetsConfig(WithoutAPIv3, WagtailSnippetsAppConfig):
    pass


class RedirectsConfig(WithoutAPIv3, WagtailRedirectsAppConfig):
    pass
