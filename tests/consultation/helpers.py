"""Set-up shared by the citizens' voice tests."""

from __future__ import annotations

import datetime
import secrets
from contextlib import contextmanager
from unittest import mock

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from wagtail.models import Page

from congthongtin.consultation.models import (
    ConsultationIndexPage,
    ConsultationPage,
    ContactPage,
    Question,
    QuestionIndexPage,
)
from congthongtin.core.antispam import Challenge
from congthongtin.core.models import Field
from congthongtin.vietnam.workdays import VN_TZ

ADDRESS = "Số 12 đường Lê Lợi, thôn Xuân Thịnh, xã Như Xuân, tỉnh Thanh Hóa"


def vn(*args) -> datetime.datetime:
    """An aware datetime in Vietnam's time."""
    return datetime.datetime(*args, tzinfo=VN_TZ)


@contextmanager
def clock(moment):
    """Every ``timezone.now()`` in the code under test returns ``moment``."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def challenge_fields(seconds_ago: int = 60) -> dict:
    """A solved check question, issued ``seconds_ago`` before the (possibly fixed) clock."""
    issued = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    challenge = Challenge(4, 3, "+", issued.timestamp(), secrets.token_hex(8))
    return {"challenge_token": challenge.token(), "challenge_answer": "7", "consent": "on"}


def home() -> Page:
    return Page.objects.get(depth=2)


def make_consultation_index() -> ConsultationIndexPage:
    index = ConsultationIndexPage(title="Lấy ý kiến dự thảo", slug="du-thao")
    home().add_child(instance=index)
    return index


def make_consultation(index, title="Dự thảo Quy chế thử", *, opens_at, closes_at, **fields):
    page = ConsultationPage(
        title=title, opens_at=opens_at, closes_at=closes_at, summary="Tóm tắt dự thảo", **fields
    )
    index.add_child(instance=page)
    return page


def make_question_index() -> QuestionIndexPage:
    index = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
    home().add_child(instance=index)
    return index


def make_contact_page() -> ContactPage:
    page = ContactPage(title="Liên hệ", slug="lien-he")
    home().add_child(instance=page)
    return page


def field(name="Hộ tịch") -> Field:
    return Field.objects.get_or_create(name=name)[0]


def question_data(field_obj, **overrides) -> dict:
    data = {
        "asker_type": "person",
        "full_name": "Lương Thị Mai",
        "nationality": "Việt Nam",
        "occupation": "Nông dân",
        "address": ADDRESS,
        "email": "ltmai@example.vn",
        "field": field_obj.slug,
        "title": "Thủ tục đăng ký khai sinh cho con",
        "body": "Con tôi sinh được 2 tháng, tôi cần giấy tờ gì để đăng ký khai sinh?",
        **challenge_fields(),
    }
    data.update(overrides)
    return data


def make_question(index, field_obj, **fields) -> Question:
    values = {
        "full_name": "Lương Thị Mai",
        "nationality": "Việt Nam",
        "occupation": "Nông dân",
        "address": ADDRESS,
        "email": "ltmai@example.vn",
        "title": "Thủ tục đăng ký khai sinh",
        "body": "Tôi cần giấy tờ gì?",
        "received_at": timezone.now(),
    }
    values.update(fields)
    return Question.objects.create(page=index, field=field_obj, **values)


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server unreachable")
