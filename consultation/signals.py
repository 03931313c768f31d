"""An answer's publication is the question's answer: state, site search (core.search_items),
the asker's e-mail.
A deleted comment's attached file goes with it."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.signals import published, unpublished, workflow_submitted

from congthongtin.core.private_media import delete_private_file
from congthongtin.core.search_items import SearchItem, item_changed, item_removed

from .models import Answer, ConsultationComment, Question, QuestionEvent, QuestionState


def search_item(question) -> SearchItem:
    """A published question and its answer as site search shows them (/tim-kiem/?loai=hoi-dap):
    never the asker's personal data, only what the public Q&A page shows."""
    answer = getattr(question, "answer", None)
    return SearchItem(
        source=f"question:{question.pk}",
        path=question.page.path,
        title=question.title,
        summary=question.body,
        body=f"{question.body} {answer.body if answer else ''}",
        url=question.get_url(),
        category="hoi-dap",
        fields=(question.field.slug,) if question.field_id else (),
        date=question.answered_at.date() if question.answered_at else None,
    )


def index_question(question) -> bool:
    """Tell site search (core.search_items; the search app listens when installed) that the
    question is searchable, or no longer is. True when it is."""
    if not Question.objects.published().filter(pk=question.pk).exists() or not question.page_id:
        item_removed(f"question:{question.pk}")
        return False
    item_changed(search_item(question))
    return True


def published_search_items():
    """Every published question, for a full rebuild of site search (SEARCH_ITEMS_HOOK)."""
    questions = Question.objects.published().filter(page__isnull=False)
    for question in questions.select_related("page", "field", "answer"):
        yield search_item(question)


@receiver(published)
def answer_published(sender, instance, revision=None, user=None, **kwargs):
    if not isinstance(instance, Answer):
        return
    from congthongtin.core.outbox import queue_email

    from .deadlines import site_of
    from .views.public import render_email

    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=instance.question_id)
        first_time = question.state != QuestionState.ANSWERED and question.answered_at is None
        question.state = QuestionState.ANSWERED
        question.answered_at = question.answered_at or timezone.now()
        question._change_reason = "answer published"
        question.save()
        QuestionEvent.objects.create(
            question=question, kind=QuestionEvent.Kind.ANSWERED, actor=user
        )
        index_question(question)
        if first_time:
            queue_email(
                [question.email],
                gettext("Answer to your question %(code)s") % {"code": question.code},
                render_email(
                    "consultation/email/question_answered.txt",
                    question,
                    answer=instance,
                    citations=instance.get_citations(),
                    tracking=question.tracking_full_url(),
                ),
                purpose="question.answered",
                reference=f"question:{question.pk}",
                site=site_of(question),
            )


@receiver(unpublished)
def answer_unpublished(sender, instance, user=None, **kwargs):
    if not isinstance(instance, Answer):
        return
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=instance.question_id)
        if question.state == QuestionState.ANSWERED:
            question.state = QuestionState.ASSIGNED
            question._change_reason = "answer withdrawn"
            question.save()
        QuestionEvent.objects.create(
            question=question, kind=QuestionEvent.Kind.WITHDRAWN, actor=user
        )
        item_removed(f"question:{question.pk}")


@receiver(workflow_submitted)
def answer_submitted(sender, instance, user=None, **kwargs):
    content = getattr(instance, "content_object", None)
    if isinstance(content, Answer):
        QuestionEvent.objects.create(
            question_id=content.question_id, kind=QuestionEvent.Kind.SUBMITTED, actor=user
        )


@receiver(post_delete, sender=ConsultationComment)
def comment_deleted(sender, instance, **kwargs):
    """A deleted comment (one by one or with its draft) takes its citizen's file along, once
    the deletion is committed: no view can reach the file any more, and personal data is not
    kept without a purpose (Law 91/2025/QH15)."""
    if instance.attachment:
        attachment = instance.attachment
        transaction.on_commit(lambda: delete_private_file(attachment))
