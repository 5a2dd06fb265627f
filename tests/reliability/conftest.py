from tests.content.conftest import sections  # noqa: F401 - shared fixtures
from tests.learning.conftest import bank, course  # noqa: F401
