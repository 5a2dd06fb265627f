from tests.learning.conftest import bank, course  # noqa: F401 - shared fixtures
