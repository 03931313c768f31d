"""An answer's publication is the question's answer: state, search key, the asker's e-mail.
A deleted comment's attached file goes with it."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.signals import published, unpublished, workflow_submitted

from congthongtin.core.private_media import delete_private_file
from congthongtin.search.indexing import index_item, remove_item

from .models import Answer, ConsultationComment, Question, QuestionEvent, QuestionState


def index_question(question) -> bool:
    """A published question and its answer in site search (/tim-kiem/?loai=hoi-dap); never
    the asker's personal data, only what the public Q&A page shows."""
    source = f"question:{question.pk}"
    if not Question.objects.published().filter(pk=question.pk).exists() or not question.page_id:
        remove_item(source)
        return False
    answer = getattr(question, "answer", None)
    index_item(
        source,
        path=question.page.path,
        title=question.title,
        summary=question.body,
        body=f"{question.body} {answer.body if answer else ''}",
        url=question.get_url(),
        category="hoi-dap",
        fields=[question.field.slug] if question.field_id else [],
        date=question.answered_at.date() if question.answered_at else None,
    )
    return True


def reindex_questions() -> int:
    return sum(
        index_question(question)
        for question in Question.objects.published().select_related("page", "field", "answer")
    )


@receiver(published)
def answer_published(sender, instance, revision=None, user=None, **kwargs):
    if not isinstance(instance, Answer):
        return
    from .mailer import queue_email
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
        remove_item(f"question:{question.pk}")


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
