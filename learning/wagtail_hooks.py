from wagtail import hooks

from learning.admin_views import TrainingAdminGroup


@hooks.register("register_admin_viewset")
def register_training_admin() -> TrainingAdminGroup:
    return TrainingAdminGroup()
