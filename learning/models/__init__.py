from .sections import CourseIndexPage

__all__ = ["CourseIndexPage"]
