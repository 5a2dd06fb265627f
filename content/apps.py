from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import pre_save

        from wagtail.images import get_image_model
        from wagtail.signals import page_published

        from content.citations import on_page_published
        from content.images import clean_uploaded_image
        from content.models import LegalDocumentPage
        from content.public_url import check_public_base_url

        checks.register(check_public_base_url, checks.Tags.security)

        page_published.connect(on_page_published, sender=LegalDocumentPage)
        pre_save.connect(clean_uploaded_image, sender=get_image_model(), dispatch_uid="clean-image")
