from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self) -> None:
        from django.db import models
        from django.db.models.signals import pre_save

        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.images import get_image_model
        from wagtail.signals import page_published

        from content.admin_widgets import VietnameseSlugInput
        from content.citations import on_page_published
        from content.images import clean_uploaded_image
        from content.models import LegalDocumentPage
        from content.originals import on_page_published as release_original

        page_published.connect(on_page_published, sender=LegalDocumentPage)
        page_published.connect(
            release_original, sender=LegalDocumentPage, dispatch_uid="release-original"
        )
        pre_save.connect(clean_uploaded_image, sender=get_image_model(), dispatch_uid="clean-image")
        # Every slug field in the admin folds Vietnamese letters like the server does.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
