"""Shared set-up for the editorial tests: the demo board and its sections."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from congthongtin.editorial.models import SectionAssignment
from congthongtin.vietnam.fold import slugify


def load_board():
    """load_demo's portal and accounts, with one-time passwords already changed."""
    call_command("load_demo", without_sections=True, stdout=StringIO())
    User = get_user_model()
    User.objects.update(must_change_password=False)
    return {u.username: u for u in User.objects.all()}


def section_of(user) -> Page:
    return SectionAssignment.objects.filter(user=user).select_related("section").first().section


def page_form_data(title, **extra):
    data = {
        "title": title,
        "slug": slugify(title),  # the admin's JavaScript fills it from the title
        "intro": "",
        "body-count": "0",
        "origin": "original",
        "classification": "thuong",
        "author_name": "Phạm Thị Dung",
        "author_address": "UBND xã Như Xuân",
        "comment_notifications": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["portal_home", "standardpage", parent.pk])


def action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def assert_denied(testcase, response):
    """Wagtail answers a refused admin action with 403, or (for non-AJAX requests) with a
    redirect to the dashboard and a "no permission" message."""
    if response.status_code == 302:
        testcase.assertEqual(response["Location"], reverse("wagtailadmin_home"))
    else:
        testcase.assertEqual(response.status_code, 403)
