"""The apps work with Django's own user model (issue 17): core.User is the portal's choice,
not a requirement. A site started with ``wagtail start`` has ``auth.User`` (no
``must_change_password``, given name first in ``get_full_name``) and ``AutoField`` keys.

One subprocess with ``congthongtin.nhuxuan_site.settings.test_auth_user`` (the user model is
chosen before Django starts, so it cannot be switched inside this test process): system
checks, no missing migration, every migration on a fresh SQLite file, ``setup_portal``, then
the code that opens, lists, shows and changes accounts, the forced password change, the audit
screens and the Q&A's answering officer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import django

django.setup()

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse
from django.utils import timezone

call_command("check", fail_level="WARNING")
call_command("makemigrations", check=True, dry_run=True, verbosity=0)
call_command("migrate", verbosity=0)
call_command("setup_portal", verbosity=0)
setup_test_environment()

from congthongtin.core.bodies import role_group
from congthongtin.consultation.models import Question
from congthongtin.consultation.viewsets import answer_viewset, question_viewset
from congthongtin.core.models import Field, Unit
from congthongtin.core.users import full_name, must_change_password, user_permission
from congthongtin.core import roles
from congthongtin.editorial import accounts
from congthongtin.editorial.models import SectionAssignment
from wagtail.models import Page, Site

assert get_user_model() is User
assert user_permission("add") == "auth.add_user"
assert type(SectionAssignment._meta.pk).__name__ == "BigAutoField"  # not the site's AutoField
PASSWORD = "Mat-khau-dai-2026"


def ok(response, *texts, status=200):
    body = response.content.decode()
    assert response.status_code == status, (response.status_code, response.get("Location"))
    for text in texts:
        assert text in body, text
    return body


admin = User.objects.create_superuser(
    "quantri", "quantri@example.vn", PASSWORD, first_name="Quân", last_name="Lê Văn"
)
tech = User.objects.create_user("kythuat", "kythuat@example.vn", PASSWORD)
tech.groups.add(role_group(roles.TECH_ADMIN))
tech = User.objects.get(pk=tech.pk)
assert tech.has_perm("auth.add_user") and tech.has_perm("auth.change_user")

# An official's account, through the one function that opens accounts.
editor_role = role_group(roles.EDITOR)
official, _password = accounts.create_official(
    "Nguyễn Văn An", "an@example.vn", [editor_role], created_by=admin
)
assert (official.last_name, official.first_name) == ("Nguyễn Văn", "An")
assert full_name(official) == "Nguyễn Văn An"  # family name first, as with core.User
assert not must_change_password(official)  # auth.User has no such field
one_time = accounts.issue_one_time_password(tech, official)

# The forced-change middleware lets a user without the field through; the change screen works.
client = Client()
response = client.post(
    reverse("wagtailadmin_login"), {"username": official.username, "password": one_time}
)
assert response.status_code == 302, response.status_code
ok(client.get(reverse("wagtailadmin_home")))
change = reverse("editorial:change_password")
ok(client.get(change))
response = client.post(
    change,
    {"old_password": one_time, "new_password1": PASSWORD, "new_password2": PASSWORD},
)
assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
official.refresh_from_db()
assert official.check_password(PASSWORD)

# The technical administrator's screens: open an account, list, search, one account.
client.force_login(tech)
ok(
    client.post(
        reverse("editorial:create_account"),
        {"full_name": "Trần Thị Bình", "email": "binh@example.vn"},
    ),
    "Trần Thị Bình",
)
binh = User.objects.get(email="binh@example.vn")
assert (binh.last_name, binh.first_name) == ("Trần Thị", "Bình")
ok(client.get(reverse("editorial:account_list")), "Nguyễn Văn An", "Trần Thị Bình")
listed = ok(client.get(reverse("editorial:account_list"), {"q": "Bình"}), "Trần Thị Bình")
assert "Nguyễn Văn An" not in listed
ok(client.get(reverse("editorial:account_detail", args=[official.pk])), "Nguyễn Văn An")
response = client.post(
    reverse("editorial:account_detail", args=[binh.pk]), {"action": "one_time_password"}
)
assert response.status_code in (200, 302), response.status_code
ok(client.get(reverse("wagtailusers_users:index")), official.username)
ok(client.get(reverse("wagtailusers_users:edit", args=[official.pk])))

# The Q&A: a question assigned to the official as its information officer, then answered.
client.force_login(admin)
home = Site.objects.get(is_default_site=True).root_page
from congthongtin.consultation.models import QuestionIndexPage

index = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
home.add_child(instance=index)
unit = Unit.objects.create(
    site=Site.objects.get(is_default_site=True), name="Phòng Tư pháp", email="tp@example.vn"
)
question = Question.objects.create(
    page=index,
    field=Field.objects.get_or_create(name="Hộ tịch")[0],
    full_name="Lương Thị Mai",
    nationality="Việt Nam",
    occupation="Nông dân",
    address="Xã Như Xuân, tỉnh Thanh Hóa",
    email="ltmai@example.vn",
    title="Thủ tục đăng ký khai sinh",
    body="Tôi cần giấy tờ gì?",
    received_at=timezone.now(),
)
assign = reverse("consultation_admin:assign", args=[question.pk])
ok(client.get(assign), official.username)  # the choice shows the login name
response = client.post(
    assign, {"unit": unit.pk, "officer": official.pk, "deadline_class": "own"}
)
assert response.status_code == 302, response.status_code
question.refresh_from_db()
assert question.officer_id == official.pk
ok(client.get(reverse(question_viewset.get_url_name("edit"), args=[question.pk])), "Nguyễn Văn An")
add_answer = reverse(answer_viewset.get_url_name("add"))
ok(client.get(add_answer, {"question": question.pk}), "Lê Văn Quân")

# The auditors' screens that name people.
ok(client.get(reverse("editorial:audit_accounts")), "Lê Văn Quân", "kythuat")
ok(client.get(reverse("editorial:audit_records_index")))
ok(client.get(reverse("editorial:audit_report")))
print("AUTH-USER-OK")
"""


def test_apps_with_django_user_model(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="congthongtin.nhuxuan_site.settings.test_auth_user",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        VAR_DIR=str(tmp_path / "var"),
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "AUTH-USER-OK" in result.stdout
