import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    image = PILImage.new("RGB", (800, 600), (200, 80, 40))
    exif = PILImage.Exif()
    exif[0x010F] = "Máy ảnh"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0132] = "2026:06:01 08:00:00"  # DateTime
    exif[0x0112] = 6  # Orientation: rotate 90° to display
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (21.0, 1.0, 30.0)
    gps[3] = "E"
    gps[4] = (105.0, 51.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"Nha so 5, duong X")
    data = out.getvalue()
    assert PILImage.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the test is valid
    return data


def assert_no_metadata(data: bytes) -> None:
    with PILImage.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert len(exif) == 0
        assert "exif" not in image.info
        assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info
        assert "comment" not in image.info
    assert b"Exif\x00\x00" not in data
    assert b"Model X" not in data


def test_uploaded_image_loses_gps_and_camera_metadata(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="quantri", email="quantri@example.org", password="mat-khau-quan-tri-2026"
    )
    client.force_login(user)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Lớp học bơi",
            "file": SimpleUploadedFile("anh.jpg", jpeg_with_gps(), content_type="image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            "description": "",
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Lớp học bơi")
    with image.open_file() as stored:
        data = stored.read()
    assert_no_metadata(data)
    # Orientation was applied to the pixels, so the stored size is rotated.
    assert (image.width, image.height) == (600, 800)
    assert image.file_size == len(data)
    for spec in ("fill-300x200", "width-400|format-webp", "fill-100x100|format-jpeg"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as handle:
            assert_no_metadata(handle.read())


def test_not_an_image_is_refused_without_error(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="quantri", email="quantri@example.org", password="mat-khau-quan-tri-2026"
    )
    client.force_login(user)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Hỏng",
            "file": SimpleUploadedFile("anh.jpg", b"not an image", content_type="image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="Hỏng").exists()


def test_file_saved_before_the_model_is_cleaned_too():
    image = get_image_model()(title="Ảnh lưu bằng mã")
    image.file.save("anh-ma.jpg", ContentFile(jpeg_with_gps()), save=False)
    first_name = image.file.name
    image.save()
    with image.open_file() as stored:
        assert_no_metadata(stored.read())
    assert (image.width, image.height) == (600, 800)
    assert image.file.name == first_name or not image.file.storage.exists(first_name)
