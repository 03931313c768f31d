"""A small corpus of every type the JSON API serves (tests of core.api and its endpoints)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from congthongtin.consultation.models import Answer, Question
from congthongtin.consultation.models.questions import QuestionState
from congthongtin.core.models import Field
from congthongtin.legal.models import EffectStatus
from congthongtin.news.models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NoticeIndexPage,
    NoticePage,
)
from congthongtin.projects.models import ProjectIndexPage, ProjectPage
from tests.consultation.helpers import make_question, make_question_index
from tests.legal.factories import add_document, agency, doc_type, make_library
from tests.news.helpers import add, home_page
from tests.procedures.helpers import make_index, make_procedure

D = dt.date


def publish_answer(question: Question, body: str = "<p>Mang theo giấy chứng sinh.</p>"):
    """The question answered and published, as the workflow's last step leaves it."""
    Answer(question=question, body=body, author_name="Nguyễn Văn Lãnh đạo", live=True).save()
    Question.objects.filter(pk=question.pk).update(
        state=QuestionState.ANSWERED, publish_on_portal=True, answered_at=timezone.now()
    )
    question.refresh_from_db()
    return question


def make_corpus(parent=None) -> SimpleNamespace:
    """Two legal documents, a news item, a notice, a project, a procedure and a published
    answer (with an unpublished one) below ``parent`` (the default site's home page)."""
    default = parent is None
    parent = parent or home_page()
    field = Field.objects.get_or_create(name="Hộ tịch")[0]
    c = SimpleNamespace(field=field)
    c.library = make_library() if default else None
    if c.library is None:
        from congthongtin.legal.models import LegalDocumentIndexPage

        c.library = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
        parent.add_child(instance=c.library)
    c.decree = add_document(
        c.library,
        title="Nghị định về đăng ký hộ tịch",
        number_symbol="123/2015/NĐ-CP",
        document_type=doc_type("Nghị định"),
        issuing_body=agency("Chính phủ", short_name="CP"),
        issue_date=D(2015, 11, 15),
        fields=[field],
    )
    c.decision = add_document(
        c.library,
        title="Quyết định công bố thủ tục hành chính",
        number_symbol="541/QĐ-UBND",
        document_type=doc_type("Quyết định"),
        issuing_body=agency("Ủy ban nhân dân huyện", short_name="UBND"),
        issue_date=D(2022, 3, 12),
        effect_status=EffectStatus.EXPIRED,
    )
    news_index = add(parent, NewsIndexPage, title="Tin tức", slug="tin-tuc")
    c.news = add(
        news_index,
        NewsPage,
        title="Khai trương bộ phận một cửa",
        summary="Bộ phận một cửa mới",
        category=NewsCategory.objects.first(),
    )
    notice_index = add(parent, NoticeIndexPage, title="Thông báo", slug="thong-bao")
    c.notice = add(
        notice_index,
        NoticePage,
        title="Thông báo tuyển dụng viên chức",
        kind="tuyen-dung",
        valid_from=timezone.localdate() - dt.timedelta(days=1),
    )
    project_index = add(parent, ProjectIndexPage, title="Dự án", slug="du-an")
    c.project = add(
        project_index,
        ProjectPage,
        title="Đường giao thông liên xã",
        objective="Nối hai xã",
        project_type="dau-tu-cong",
        total_investment=12_000_000_000,
    )
    procedure_index = make_index(parent)
    c.procedure = make_procedure(procedure_index, title="Đăng ký khai sinh", field=field)
    c.questions = make_question_index() if default else None
    if c.questions is not None:
        c.answered = publish_answer(make_question(c.questions, field))
        c.pending = make_question(
            c.questions, field, title="Câu hỏi chưa trả lời", full_name="Trần Văn Bình"
        )
    return c
