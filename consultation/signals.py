"""An answer's publication is the question's answer; its withdrawal reopens the question;
its submission to the workflow is logged. Each receiver hands the change to the life cycle
(``consultation.lifecycle``), the only code that changes a question's state.
A deleted comment's attached file goes with it."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished, workflow_submitted

from congthongtin.core.private_media import delete_private_file

from . import lifecycle
from .indexing import index_question, published_search_items, search_item
from .models import Answer, ConsultationComment, Question

__all__ = ["index_question", "published_search_items", "search_item"]


@receiver(published, sender=Answer)
def answer_published(sender, instance, revision=None, user=None, **kwargs):
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=instance.question_id)
        lifecycle.answer(question, actor=user, answer=instance)


@receiver(unpublished, sender=Answer)
def answer_unpublished(sender, instance, user=None, **kwargs):
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=instance.question_id)
        lifecycle.withdraw(question, actor=user)


@receiver(workflow_submitted)
def answer_submitted(sender, instance, user=None, **kwargs):
    content = getattr(instance, "content_object", None)
    if isinstance(content, Answer):
        lifecycle.submitted(content.question, actor=user)


@receiver(post_delete, sender=ConsultationComment)
def comment_deleted(sender, instance, **kwargs):
    """A deleted comment (one by one or with its draft) takes its citizen's file along, once
    the deletion is committed: no view can reach the file any more, and personal data is not
    kept without a purpose (Law 91/2025/QH15)."""
    if instance.attachment:
        attachment = instance.attachment
        transaction.on_commit(lambda: delete_private_file(attachment))
