"""The citizens' voice installed without the legal library, site search or the editorial board
(issue 17): every module imports, the migrations apply and need nothing new, an answer is
published (question answered, e-mail queued) and nothing is indexed; a citation links any
page and its data is typed.

Runs in a separate process: the app registry of the test process holds every app."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

SETTINGS = """
from congthongtin.nhuxuan_site.settings.test import *  # noqa: F403

ABSENT = {
    "congthongtin.nhuxuan_site",
    "congthongtin.editorial",
    "congthongtin.editorial.users_app.PortalUsersAppConfig",
    "congthongtin.legal",
    "congthongtin.procedures",
    "congthongtin.search",
}
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in ABSENT] + ["wagtail.users"]
MIDDLEWARE = [name for name in MIDDLEWARE if ".editorial." not in name]
WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail.workflows.publish_workflow_state"
CONGTHONGTIN = {**CONGTHONGTIN, "PAGE_PERMISSION_TESTER": None}  # editorial's
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
ROOT_URLCONF = "urls_alone"
"""

URLS = """
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("danh-gia-trang/", include("congthongtin.consultation.urls")),
    path("", include(wagtail_urls)),
]
"""

SCRIPT = """
import importlib
import pkgutil
import sys

import django

django.setup()

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import Page

import congthongtin.consultation
from congthongtin.core.checks import missing_prerequisites

package = congthongtin.consultation
for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(module.name)
absent = ("congthongtin.search", "congthongtin.legal", "congthongtin.editorial")
print("loaded:", sorted(name for name in sys.modules if name.startswith(absent)))
print("prerequisites:", missing_prerequisites(config.name for config in apps.get_app_configs()))

call_command("migrate", verbosity=0)
call_command("makemigrations", "core", "consultation", check=True, dry_run=True, verbosity=0)
call_command("setup_portal", verbosity=0)

from congthongtin.consultation.blocks import LegalCitationBlock
from congthongtin.consultation.models import Answer, Question, QuestionIndexPage
from congthongtin.core.models import Field, OutgoingEmail

block = LegalCitationBlock()
print("chooser:", block.child_blocks["document"].target_model is Page)
home = Page.objects.get(depth=2)
typed = {"number_symbol": "60/2014/QH13", "summary": "Luật Hộ tịch", "issuer": "Quốc hội"}
cleaned = block.clean({"document": home, "article": "", "issue_date": "2014-11-20", **typed})
try:
    block.clean({"document": home, "article": "", "issue_date": None})
except ValidationError:
    print("citation:", cleaned["document"] == home, "typed data required")
index = home.add_child(instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap"))
question = Question.objects.create(
    page=index,
    field=Field.objects.get_or_create(name="Hộ tịch")[0],
    full_name="Lương Thị Mai",
    address="Xã Như Xuân",
    email="ltmai@example.vn",
    title="Giấy tờ đăng ký khai sinh",
    body="Tôi cần giấy tờ gì?",
    state="dang-tra-loi",
)
answer = Answer(question=question, body="<p>Tờ khai và giấy chứng sinh.</p>", author_name="A")
answer.save()
answer.save_revision().publish()
question.refresh_from_db()
print("answered:", question.state, list(OutgoingEmail.objects.values_list("purpose", flat=True)))
"""


def test_consultation_without_legal_search_or_editorial(tmp_path):
    (tmp_path / "settings_alone.py").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "urls_alone.py").write_text(URLS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SCRIPT)],
        cwd=ROOT,
        env={
            **_environment(),
            "PYTHONPATH": f"{tmp_path}:{ROOT}",
            "DJANGO_SETTINGS_MODULE": "settings_alone",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    assert lines["loaded"] == "[]"
    assert lines["prerequisites"] == "[]"
    assert lines["chooser"] == "True"
    assert lines["citation"] == "True typed data required"
    assert lines["answered"] == "da-tra-loi ['question.answered']"


def _environment() -> dict:
    """This process's environment but its database: the script's is in memory."""
    return {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
