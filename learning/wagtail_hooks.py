from wagtail import hooks

from .manager_admin import AreaManagerViewSet, report_menu_item


@hooks.register("register_admin_viewset")
def register_area_managers() -> AreaManagerViewSet:
    return AreaManagerViewSet("area_managers")


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return report_menu_item()
