import os

from django.core.management import call_command

import pytest


@pytest.fixture
def demo(db):
    """The demo content `make run` loads: every page type with realistic content."""
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.DEBUG = False
