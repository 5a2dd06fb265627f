from django.contrib import admin

from .models import DataAccess


@admin.register(DataAccess)
class DataAccessAdmin(admin.ModelAdmin):
    """Read-only, superusers only: the managers' access log."""

    list_display = ("at", "manager_name", "action", "area", "course")
    list_filter = ("action",)
    search_fields = ("manager_name", "area", "course")
    date_hierarchy = "at"

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
