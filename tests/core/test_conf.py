"""The platform's settings: one dict, CONGTHONGTIN, read through core.conf (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from congthongtin.core.conf import DEFAULTS, app_settings, check_app_settings, problems
from congthongtin.core.limits import ParseLimits, ZipLimits
from congthongtin.nhuxuan_site.settings import base, test
from tests.helpers import override_app_settings

REPO = Path(__file__).resolve().parents[2]
APPS = ("core", "home", "editorial", "news", "projects", "legal", "procedures", "consultation")
#: The six old prefixes, read straight from django.conf.settings before issue 17.
OLD_NAME = re.compile(
    r"(getattr\(settings, \"|\bsettings\.)(QA_|CONSULTATION_|PUBLIC_FORM_|PUBLIC_EMAIL_|PORTAL_"
    r"|IMPORT_|PRIVATE_MEDIA_|PASSWORD_RESET_RATE|WORK_CALENDAR_)"
)
#: Still reading top-level settings until they move into core (another change of issue 17).
NOT_YET_CONVERTED: set[str] = set()


def test_defaults__read_when_the_project_sets_nothing():
    with override_settings(CONGTHONGTIN=None):
        assert app_settings.QA_DEADLINE_DAYS == {"own": 5, "several": 8, "special": 10}
        assert app_settings.ADMIN_PATH == "admin/"
        assert app_settings.PAGE_PERMISSION_TESTER is None
        assert app_settings.PRIVATE_MEDIA_ACCEL_REDIRECT is False


def test_dict_value__merged_with_the_default_other_values_replace_it():
    with override_settings(CONGTHONGTIN={"QA_DEADLINE_DAYS": {"own": 7}, "ADMIN_PATH": "qt/"}):
        assert app_settings.QA_DEADLINE_DAYS == {"own": 7, "several": 8, "special": 10}
        assert app_settings.ADMIN_PATH == "qt/"
        assert app_settings.CACHE_SHARED_MAX_AGE == 3600


def test_override_followed_and_undone():
    before = app_settings.QA_REMINDER_WORKING_DAYS
    with override_app_settings(QA_REMINDER_WORKING_DAYS=before + 2):
        assert before + 2 == app_settings.QA_REMINDER_WORKING_DAYS
        # The helper keeps the project's other keys.
        assert (
            settings.CONGTHONGTIN["PAGE_PERMISSION_TESTER"] == app_settings.PAGE_PERMISSION_TESTER
        )
    assert before == app_settings.QA_REMINDER_WORKING_DAYS


def test_unknown_attribute__attribute_error():
    with pytest.raises(AttributeError):
        app_settings.QA_DEADLINE  # noqa: B018


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("QA_DEADLINE_DAYS", {"own": "five"}),
        ("CACHE_SHARED_MAX_AGE", "3600"),
        ("CSP_REPORT_ONLY", "yes"),
        ("PASSWORD_RESET_RATE_LIMITS", {"address": 3}),
        ("ADMIN_PATH", "/"),
        ("QA_COMPLAINT_KEYWORDS", "khiếu nại"),
    ],
)
def test_wrong_type__refused_on_read_and_by_the_system_check(key, value):
    with override_app_settings(**{key: value}):
        with pytest.raises(ImproperlyConfigured, match=key):
            getattr(app_settings, key)
        assert [m.id for m in check_app_settings(None)] == ["core.E030"]


def test_unknown_key__warned_as_a_probable_typo():
    with override_app_settings(QA_DEADLINE_DAY={"own": 3}):
        messages = check_app_settings(None)
    assert [m.id for m in messages] == ["core.W031"]
    assert "QA_DEADLINE_DAY" in messages[0].msg


def test_not_a_dict__refused():
    wrong, _unknown = problems(["QA_DEADLINE_DAYS"])
    assert wrong


def test_every_default_passes_its_own_check():
    assert problems(dict(DEFAULTS)) == ([], [])


def test_portal_settings__valid_and_nothing_left_at_the_top_level():
    assert problems(base.CONGTHONGTIN) == ([], [])
    assert problems(test.CONGTHONGTIN) == ([], [])
    assert check_app_settings(None) == []
    # (production.py needs its environment: tests/ops/test_hardening.py runs its checks.)
    for module in (base, test):
        left = [name for name in vars(module) if OLD_NAME.match(f"settings.{name}")]
        assert left == [], module.__name__


def test_import_bounds__one_default_for_the_worker_and_the_settings():
    with override_settings(CONGTHONGTIN={}):
        assert ZipLimits.from_settings() == ZipLimits()
        assert ParseLimits.from_settings() == ParseLimits()
    with override_app_settings(IMPORT_ZIP_MAX_MEMBERS=12, IMPORT_PARSE_SECONDS=3):
        assert ZipLimits.from_settings().max_members == 12
        assert ParseLimits.from_settings().seconds == 3


def test_apps_read_their_settings_only_through_core_conf():
    offenders = []
    for app in APPS:
        for path in (REPO / app).rglob("*.py"):
            relative = path.relative_to(REPO).as_posix()
            if relative in NOT_YET_CONVERTED:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if OLD_NAME.search(line):
                    offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_every_key_documented_with_its_default():
    text = (REPO / "docs" / "settings.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", text, re.M))
    assert documented == set(DEFAULTS)
