from .managers import AreaManager
from .sections import CourseIndexPage

__all__ = ["AreaManager", "CourseIndexPage"]
