"""Hardening (issue 11): check --deploy, security headers, CSP, cache headers, uploads."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings

from congthongtin.nhuxuan_site import uploads

REPO = Path(__file__).resolve().parents[2]
OPS_MIDDLEWARE = [
    m
    for m in settings.MIDDLEWARE
    if m
    not in (
        "congthongtin.core.csp.ContentSecurityPolicyMiddleware",
        "congthongtin.core.cache_headers.AnonymousCacheHeadersMiddleware",
    )
]
OPS_MIDDLEWARE.insert(1, "congthongtin.core.csp.ContentSecurityPolicyMiddleware")
OPS_MIDDLEWARE.insert(
    OPS_MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "congthongtin.core.cache_headers.AnonymousCacheHeadersMiddleware",
)

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "congthongtin.nhuxuan_site.settings.production",
    "SECRET_KEY": "ops-test-" + "k" * 60,
    "ALLOWED_HOSTS": "portal.example.gov.vn",
    "DATABASE_URL": "sqlite:////tmp/ops-hardening-never-created.sqlite3",
    "ADMIN_PATH": "quan-tri-7f3a",
    "FRONTEND_CACHE_URL": "http://127.0.0.1:8080",
    "REDIS_URL": "redis://127.0.0.1:6379/0",  # never connected to by these checks
}

PRODUCTION_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.urls import reverse
from PIL import Image
print(json.dumps({
    "admin": reverse("wagtailadmin_home"),
    "pil": Image.MAX_IMAGE_PIXELS,
    "pixels": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
    "img_size": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
    "doc_size": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
    "doc_form": settings.WAGTAILDOCS_DOCUMENT_FORM_BASE,
    "middleware": settings.MIDDLEWARE,
    "log_formatter": settings.LOGGING["formatters"]["json"]["()"],
    "debug": settings.DEBUG,
    "purge": settings.WAGTAILFRONTENDCACHE["nginx"]["LOCATION"],
}))
"""


def run_production(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(PRODUCTION_ENV)
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy__per_process_cache__warned():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(PRODUCTION_ENV)
    del env["REDIS_URL"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "core.W001" in result.stdout + result.stderr


def test_check_deploy__production_settings__no_issue():
    result = run_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings__limits_admin_path_logs():
    result = run_production("-c", PRODUCTION_PROBE)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["admin"] == "/quan-tri-7f3a/"
    assert values["pil"] == values["pixels"] == 40_000_000
    assert values["img_size"] == 10 * 1024 * 1024
    assert values["doc_size"] == 20 * 1024 * 1024
    assert values["doc_form"] == "congthongtin.nhuxuan_site.uploads.SniffedDocumentForm"
    assert "congthongtin.core.csp.ContentSecurityPolicyMiddleware" in values["middleware"]
    mw = values["middleware"]
    assert mw.index("congthongtin.core.cache_headers.AnonymousCacheHeadersMiddleware") == (
        mw.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
    )
    assert values["log_formatter"] == "congthongtin.nhuxuan_site.logging.JSONFormatter"
    assert values["debug"] is False
    assert values["purge"] == "http://127.0.0.1:8080"


# Settings only (no django.setup()): django-storages is installed in the image, not here.
PRIVATE_STORAGE_PROBE = """
import json
from django.conf import settings
from congthongtin.core.checks import private_media_outside_public_folders
print(json.dumps({
    "accel": settings.CONGTHONGTIN["PRIVATE_MEDIA_ACCEL_REDIRECT"],
    "private": settings.STORAGES["private"],
    "errors": [e.id for e in private_media_outside_public_folders(None)]
        if settings.STORAGES["private"]["BACKEND"].startswith("core.") else [],
}))
"""


def test_production_settings__private_files_behind_nginx_or_in_a_private_bucket():
    """Citizens' attachments (issue 16 finding 7): nginx sends them after Django's check;
    with an object store they go to a bucket of their own, never the public one."""
    values = json.loads(run_production("-c", PRIVATE_STORAGE_PROBE).stdout)
    assert values["accel"] is True
    assert values["private"]["BACKEND"] == "congthongtin.core.private_media.PrivateMediaStorage"
    assert values["errors"] == []
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        PRODUCTION_ENV,
        AWS_STORAGE_BUCKET_NAME="portal-public",
        AWS_PRIVATE_STORAGE_BUCKET_NAME="portal-citizens",
        PRIVATE_MEDIA_ACCEL_REDIRECT="0",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRIVATE_STORAGE_PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["accel"] is False
    assert values["private"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert values["private"]["OPTIONS"]["bucket_name"] == "portal-citizens"
    assert values["private"]["OPTIONS"]["default_acl"] == "private"


@override_settings(MIDDLEWARE=OPS_MIDDLEWARE, ROOT_URLCONF="tests.ops.urls")
class PublicResponseHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("qtri", "qt@example.vn", "x" * 12)

    def test_home__anonymous__strict_csp_nosniff_referrer(self):
        response = self.client.get("/")
        assert response.status_code == 200
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "object-src 'none'" in csp and "frame-ancestors 'self'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"]

    def test_home__markup__no_inline_script_or_style(self):
        html = self.client.get("/").content.decode()
        import re

        scripts = re.findall(r"<script\b[^>]*>", html)
        # JSON-LD is a data block, never executed (CSP script-src does not apply to it).
        code = [tag for tag in scripts if 'type="application/ld+json"' not in tag]
        assert all("src=" in tag for tag in code), scripts
        assert len(code) < len(scripts)  # the home page's GovernmentOrganization
        assert not re.search(r"<style\b", html)
        assert not re.search(r"\sstyle=", html)
        assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers

    def test_admin__no_csp_header(self):
        self.client.force_login(self.editor)
        response = self.client.get(f"/{settings.CONGTHONGTIN['ADMIN_PATH']}")
        assert response.status_code == 200
        assert not response.has_header("Content-Security-Policy")

    def test_home__anonymous__public_cache_headers_and_no_cookie(self):
        response = self.client.get("/")
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "s-maxage=" in cache_control
        assert response["X-Accel-Expires"].isdigit()
        assert not response.cookies  # no session, no CSRF cookie
        assert "Cookie" not in response.get("Vary", "")
        assert settings.SESSION_COOKIE_NAME not in self.client.cookies

    def test_home__logged_in__private(self):
        self.client.force_login(self.editor)
        response = self.client.get("/")
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert not response.has_header("X-Accel-Expires")

    def test_healthz__keeps_its_never_cache(self):
        response = self.client.get("/healthz")
        assert "public" not in response["Cache-Control"]

    def test_missing_page__not_cached_publicly(self):
        response = self.client.get("/khong-ton-tai-abc/")
        assert response.status_code == 404
        assert "public" not in response.get("Cache-Control", "")

    def test_server_error__no_stack_trace_to_the_public(self):
        client = Client(raise_request_exception=False)
        with self.assertLogs("django.request", level="ERROR"):
            response = client.get("/ops-test-boom/")
        assert response.status_code == 500
        body = response.content.decode()
        assert "secret-internal-detail" not in body and "Traceback" not in body
        assert "Hệ thống đang gặp sự cố" in body


# --- uploads ---------------------------------------------------------------------------


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A zip whose bytes never change: its entries carry a fixed date, so the test ids
    built from them are the same in every pytest-xdist worker (a worker collecting a
    second later would otherwise see other ids and stop the run)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


@pytest.mark.parametrize(
    ("name", "content", "refused"),
    [
        ("quyet-dinh.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF", False),
        ("quyet-dinh.pdf", b"<html><script>alert(1)</script></html>", True),
        ("quyet-dinh.pdf", b"%PDF-1.7\n<< /OpenAction << /S /JavaScript /JS (x) >> >>", True),
        ("bao-cao.docx", DOCX, False),
        ("bao-cao.docx", zip_bytes({"a.txt": b"x"}), True),
        (
            "bao-cao.docx",
            zip_bytes({"[Content_Types].xml": b"", "word/vbaProject.bin": b"x"}),
            True,
        ),
        ("bang-tinh.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, False),
        ("bang-tinh.xls", b"MZ\x90\x00 not a spreadsheet", True),
        ("anh.png", b"GIF89a....", True),
        ("ho-so.zip", b"PK\x03\x04 damaged", True),
    ],
)
def test_sniff__content_must_match_extension(name, content, refused):
    problem = uploads.sniff_problem(name, io.BytesIO(content))
    assert (problem is not None) is refused, problem


def test_sniff__zip_bomb__refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ZIP_UNCOMPRESSED", 10_000)
    bomb = zip_bytes({"a.bin": b"\0" * 20_000})
    assert uploads.sniff_problem("ho-so.zip", io.BytesIO(bomb))


@pytest.mark.django_db
def test_document_form__html_named_pdf__refused():
    from wagtail.documents.forms import get_document_form
    from wagtail.documents.models import Document

    with override_settings(
        WAGTAILDOCS_DOCUMENT_FORM_BASE="congthongtin.nhuxuan_site.uploads.SniffedDocumentForm"
    ):
        form_class = get_document_form(Document)
    assert issubclass(form_class, uploads.SniffedDocumentForm)
    upload = SimpleUploadedFile("thong-bao.pdf", b"<html>not a pdf</html>", "application/pdf")
    form = form_class(data={"title": "Thông báo"}, files={"file": upload})
    assert not form.is_valid()
    assert "file" in form.errors
