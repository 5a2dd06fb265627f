"""Uploaded images lose their metadata (EXIF with GPS position and camera, XMP,
IPTC, comments) before the original is stored: a photo taken at a child's home or
school must not give the place away. Orientation is applied to the pixels first.
Renditions are made from the cleaned original, so they carry none either."""

import io

from django.core.files.base import ContentFile

from wagtail.utils.file import hash_filelike

from PIL import Image as PILImage
from PIL import ImageOps

# Formats we re-encode; others (GIF animations, SVG) are stored as uploaded.
REENCODE = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "TIFF": "PNG"}


def strip_metadata(data: bytes) -> tuple[bytes, int, int, str] | None:
    """The image re-encoded without metadata, its size and format, or None when
    the file is not an image we re-encode."""
    try:
        with PILImage.open(io.BytesIO(data)) as source:
            source_format = source.format or ""
            if source_format not in REENCODE:
                return None
            target = REENCODE[source_format]
            rotated = ImageOps.exif_transpose(source)
            image = rotated if rotated is not None else source.copy()
            icc_profile = source.info.get("icc_profile")
            image.load()
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
        return None
    out = io.BytesIO()
    options: dict = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if target == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        options.update(quality=92, optimize=True, progressive=True)
    elif target == "WEBP":
        options.update(quality=90)
    elif target == "PNG":
        options.update(optimize=True)
    # Without its info dict Pillow writes no exif, xmp, comments or text chunks.
    transparency = image.info.get("transparency") if target == "PNG" else None
    image.info = {}
    if transparency is not None:
        options["transparency"] = transparency
    image.save(out, target, **options)
    return out.getvalue(), image.width, image.height, target


def clean_uploaded_image(sender, instance, raw: bool = False, **kwargs) -> None:
    """pre_save of the image model: replace a new image's file by its cleaned copy
    (also when the file was already written, e.g. by `image.file.save(...)`)."""
    field_file = instance.file
    if raw or not field_file:
        return
    committed = getattr(field_file, "_committed", True)
    if committed and not instance._state.adding:
        return
    try:
        field_file.open("rb")
        field_file.seek(0)
        data = field_file.read()
    except OSError:
        return
    result = strip_metadata(data)
    if result is None:
        field_file.seek(0)
        return
    cleaned, width, height, _ = result
    name = field_file.name.rsplit("/", 1)[-1]
    if committed:  # the uncleaned original must not stay on disk
        field_file.close()
        field_file.storage.delete(field_file.name)
    instance.file = ContentFile(cleaned, name=name)  # stored by the field's pre_save
    instance.width, instance.height = width, height
    instance.file_size = len(cleaned)
    instance.file_hash = hash_filelike(io.BytesIO(cleaned))
