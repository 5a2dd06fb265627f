from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    """What every app of ours may use and which uses none of them: learner roles,
    administrative units, Vietnamese text normalisation, the personal-data registry."""

    name = "base"
    verbose_name = _("Shared")

    def ready(self) -> None:
        from django.core import checks

        from base.public_url import check_public_base_url

        checks.register(check_public_base_url, checks.Tags.security)
