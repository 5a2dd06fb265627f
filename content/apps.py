from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from content.citations import on_page_published
        from content.models import LegalDocumentPage

        page_published.connect(on_page_published, sender=LegalDocumentPage)
