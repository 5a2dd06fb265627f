from .areas import AdministrativeUnit

__all__ = ["AdministrativeUnit"]
