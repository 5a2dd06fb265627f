from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Training")

    def ready(self) -> None:
        from learning.certificates import signing  # noqa: F401  (registers the signing-key check)
