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
            "description": "Trẻ em học bơi cùng huấn luyện viên ở bể bơi",
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


def png() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 90, 160)).save(out, "PNG")
    return out.getvalue()


def add_image(client, description: str):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Áp phích 111",
            "file": SimpleUploadedFile("ap-phich.png", png(), content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
            "description": description,
        },
    )


def test_an_image_without_alternative_text_is_refused_with_guidance(client, django_user_model):
    """An editor uploads a poster without its alternative text: refused, told what to
    write (in Vietnamese); with it, accepted."""
    client.force_login(
        django_user_model.objects.create_superuser("bientap", "bientap@example.org", "x-2026-y")
    )
    form = client.get(reverse("wagtailimages:add")).content.decode()
    assert "Văn bản thay thế" in form and "áp phích" in form  # the guidance, in Vietnamese
    for empty in ("", "   "):
        response = add_image(client, empty)
        assert response.status_code == 200
        assert "Hãy viết văn bản thay thế" in response.content.decode()
        assert not get_image_model().objects.filter(title="Áp phích 111").exists()
    text = "Áp phích: Gọi 111 - Tổng đài điện thoại quốc gia bảo vệ trẻ em, miễn phí, 24/7"
    assert add_image(client, text).status_code == 302
    assert get_image_model().objects.get(title="Áp phích 111").description == text


def test_the_multiple_uploader_keeps_the_file_aside_until_the_alt_text_is_written(
    client, django_user_model
):
    from wagtail.models import UploadedFile

    client.force_login(
        django_user_model.objects.create_superuser("bientap", "bientap@example.org", "x-2026-y")
    )
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("ap-phich.png", png(), content_type="image/png")},
    )
    data = response.json()
    assert data["success"] and "uploaded_file_id" in data
    assert not get_image_model().objects.exists()
    upload_id = data["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])
    fields = {
        f"{prefix}-title": "Áp phích",
        f"{prefix}-collection": Collection.get_first_root_node().pk,
    }
    refused = client.post(url, {**fields, f"{prefix}-description": ""}).json()
    assert not refused["success"] and not get_image_model().objects.exists()
    done = client.post(url, {**fields, f"{prefix}-description": "Áp phích Gọi 111"}).json()
    assert done["success"]
    assert get_image_model().objects.get().description == "Áp phích Gọi 111"
    assert not UploadedFile.objects.exists()
