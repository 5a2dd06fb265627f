"""Uploaded media on S3-compatible storage, against moto's S3 server started by the test:
image renditions, documents, original legal files, certificate PDFs."""

import contextlib
import io
import socket
import subprocess
import sys
import time
import urllib.request

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import override_settings

from wagtail.documents.models import Document
from wagtail.images.models import Image

import boto3
import pytest
from PIL import Image as PILImage

from content.models import LegalLibraryPage
from portal.settings.s3 import s3_media
from tests.factories import LegalDocumentPageFactory
from tests.learning.conftest import course, learner  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

BUCKET = "cbvte-media"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3-compatible server in its own process (from PyPI, in the dev dependencies)."""
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("moto's S3 server did not start")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture
def s3(s3_endpoint, settings):
    env = {
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY": "testing",
        "S3_SECRET_KEY": "testing",
    }
    storage, origins = s3_media(env)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=BUCKET)
    assert origins == [s3_endpoint]
    with override_settings(
        STORAGES={**settings.STORAGES, "default": storage}, WAGTAILDOCS_SERVE_METHOD="redirect"
    ):
        yield client


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (the local server)
        return response.read()


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_images_and_renditions_live_in_the_bucket(s3, s3_endpoint):
    image = Image.objects.create(title="Áp phích", file=ImageFile(io.BytesIO(png()), "poster.png"))
    rendition = image.get_rendition("fill-320x240|format-webp")
    stored = keys(s3)
    assert f"media/{image.file.name}" in stored
    assert f"media/{rendition.file.name}" in stored
    assert rendition.url.startswith(f"{s3_endpoint}/{BUCKET}/media/")
    assert fetch(rendition.url)[8:12] == b"WEBP"


def test_documents_and_original_legal_files_are_served_from_the_bucket(
    client, s3, s3_endpoint, demo_site
):
    document = Document.objects.create(
        title="Kế hoạch 12", file=ContentFile(b"%PDF-1.4 original", name="ke-hoach-12.pdf")
    )
    assert f"media/{document.file.name}" in keys(s3)
    library = LegalLibraryPage.objects.get(locale__language_code="vi")
    page = LegalDocumentPageFactory(parent=library, original_file=document)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    # the page offers the original under a name that says what it is, read from the bucket
    assert f'href="{page.url}tai-ve/ban-goc/"' in html
    download = client.get(page.url + "tai-ve/ban-goc/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 original"
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{s3_endpoint}/{BUCKET}/media/")
    assert fetch(response["Location"]) == b"%PDF-1.4 original"


def test_certificate_pdfs_need_no_local_media(client, s3, learner, course):  # noqa: F811
    from learning.certificates.services import issue_certificate

    certificate = issue_certificate(user=learner, course=course, valid_months=24)
    client.force_login(learner)
    response = client.get(f"/chung-nhan/{certificate.display_code}/pdf/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
