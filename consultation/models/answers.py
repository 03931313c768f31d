"""The answer to a question: a snippet that passes the editorial workflow (R-QA-1, R-WF-4)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from congthongtin.core.models import Classification, ContentOrigin

from ..blocks import LegalCitationBlock, citation_of
from .questions import Question, QuestionState

ANSWER_FEATURES = ["bold", "italic", "ol", "ul", "link"]

#: S1 Đ12.8: the answers are for reference only and are not a legal basis.
DISCLAIMER = _(
    "This answer is for reference only. It is not a legal basis for settling civil "
    "relations, and questions and answers here are not governed by the law on complaints "
    "and denunciations."
)


class Answer(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """The answer of the competent unit, given by its leader (S1 Đ12.7), short and to the
    point, citing the number/symbol, summary, date and issuer of each legal document used
    (S1 Đ12.5), with the note that it is for reference only (S1 Đ12.8).

    It is published only by the last step of the editorial workflow (R-WF-4): the workflow
    of its question's body (``get_workflow``: the active workflow on that body's home page,
    whose tasks name that body's groups; the content type's workflow, the default site's,
    otherwise), nobody but a superuser
    holds ``publish_answer``, and the board's publishing gate runs on it (it reads
    ``classification`` and ``author_name``: an answer names who gave it).
    """

    question = models.OneToOneField(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answer"
    )
    body = RichTextField(_("answer"), features=ANSWER_FEATURES)
    citations = StreamField(
        [("citation", LegalCitationBlock())],
        verbose_name=_("legal documents cited"),
        blank=True,
        help_text=_("Every legal document the answer relies on (R-QA-1)."),
    )
    author_name = models.CharField(
        _("answered by"),
        max_length=255,
        help_text=_("The leader (or officer) of the unit who gives the answer (S1 Đ12.7)."),
    )
    author_position = models.CharField(_("position"), max_length=255, blank=True)
    classification = models.CharField(
        _("security classification"),
        max_length=20,
        choices=Classification.choices,
        default=Classification.NORMAL,
        help_text=_("Only “Normal” content can be published (R-SECRET-1)."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Wagtail 8's mixins already define private relations and the ``revisions`` and
    # ``workflow_states`` properties (older Wagtail docs asked models to declare them).
    # These two override the private relations only to add ``related_query_name``, so
    # that reverse queries work (``WorkflowState.objects.filter(answer__question__unit=…)``)
    # for the dashboard; deleting an answer still deletes its revisions and states.
    _revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="content_type",
        object_id_field="object_id",
        related_query_name="answer",
        for_concrete_model=False,
    )
    _workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="answer",
        for_concrete_model=False,
    )

    #: The publishing gate's provenance protocol: an answer is the body's own text.
    origin = ContentOrigin.ORIGINAL
    source = ""

    panels = [
        FieldPanel("question"),
        FieldPanel("body"),
        FieldPanel("citations"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author_name"), FieldPanel("author_position")]),
                FieldPanel("classification"),
            ],
            heading=_("Who answers"),
        ),
    ]

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return str(self.question)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        writes_state = update_fields is None or {"live", "classification"} & set(update_fields)
        if self.live and writes_state and self.classification != Classification.NORMAL:
            # Publishing skips clean(): R-SECRET-1 holds on that path too.
            raise ValidationError({"classification": _("Classified content is never published.")})
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.question_id and self.question.state in (
            QuestionState.REFUSED,
            QuestionState.RECEIVED,
        ):
            errors["question"] = _(
                "Only a question assigned to a unit can be answered; assign it first."
            )
        if self.live and self.classification != Classification.NORMAL:
            errors["classification"] = _(
                "Content classified above “Normal” may never be published (R-SECRET-1)."
            )
        if errors:
            raise ValidationError(errors)

    def get_workflow(self):
        """The active workflow on the home page of the question's body, so that an answer
        is verified and approved by its own body's board; Wagtail's (the workflow of the
        content type) when the question has no body or its body no workflow."""
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        from congthongtin.core.bodies import body_workflow

        from ..deadlines import site_of

        workflow = body_workflow(site_of(self.question)) if self.question_id else None
        return workflow or super().get_workflow()

    def get_citations(self):
        return [citation_of(block.value) for block in self.citations]

    def citation_numbers(self) -> list[str]:
        return [c.number_symbol for c in self.get_citations() if c.number_symbol]
