"""The admin of the other kinds of request (issue 22): petitions, complaints and
denunciations, each its own viewset over ``Question`` limited to its kind
(``viewsets.KindViewSetMixin``), scoped per body like the Q&A's
(``permissions.QuestionPermissionPolicy``, registered for the model).

A denunciation's sender and letter (``confidentiality.CONFIDENTIAL_FIELDS``) are seen only
by its named handler and the head of the body (``confidentiality.may_see_identity``): its
listing, search and export never carry them, its inspect view shows ``MASK`` in their
place, and its edit form, for anyone else, does not contain them at all.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic

from .confidentiality import CONFIDENTIAL_FIELDS, may_see_identity, shown
from .viewsets import QuestionEditView, QuestionStatusPanel, QuestionViewSet

_PUBLISHING = MultiFieldPanel(
    [FieldPanel("publish_on_portal"), FieldPanel("public_place")],
    heading=_("Publishing"),
)


class PetitionViewSet(QuestionViewSet):
    """Petitions on administrative regulations (Decree 20/2008/NĐ-CP)."""

    request_kind = "phan-anh-kien-nghi"
    name = "phan-anh-kien-nghi"
    url_namespace = "consultation_petition"
    icon = "mail"
    menu_label = _("Petitions")
    export_filename = "phan-anh-kien-nghi"
    list_export = [*QuestionViewSet.list_export, "phone"]
    panels = [
        QuestionStatusPanel(heading=_("State and sender")),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("body"), FieldPanel("field")],
            heading=_("Petition (as published; remove personal details before publishing)"),
        ),
        _PUBLISHING,
    ]


class ComplaintViewSet(QuestionViewSet):
    """Complaints (Law on Complaints No. 02/2011/QH13)."""

    request_kind = "khieu-nai"
    name = "khieu-nai"
    url_namespace = "consultation_complaint"
    icon = "warning"
    menu_label = _("Complaints")
    export_filename = "khieu-nai"
    list_display = ["code", "title", "state", "unit", "officer", "due_at", "received_at"]
    list_filter = ["state", "unit", "complexity"]
    inspect_view_fields = [
        "code",
        "title",
        "body",
        "respondent",
        "decision_reference",
        "known_on",
        "received_at",
        "state",
        "unit",
        "officer",
        "accepted_at",
        "complexity",
        "due_at",
    ]
    list_export = [
        "code",
        "received_at",
        "state",
        "title",
        "body",
        "respondent",
        "decision_reference",
        "known_on",
        "unit",
        "accepted_at",
        "complexity",
        "due_at",
        "answered_at",
        "asker_type",
        "full_name",
        "address",
        "email",
        "phone",
    ]
    panels = [
        QuestionStatusPanel(heading=_("State and sender")),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("body"),
                FieldPanel("respondent"),
                FieldPanel("decision_reference"),
                FieldPanel("known_on"),
                FieldPanel("field"),
            ],
            heading=_("Complaint"),
        ),
        _PUBLISHING,
    ]


class DenunciationInspectView(generic.InspectView):
    """The letter and the sender's data read ``MASK`` for whoever may not see them."""

    def get_field_display_value(self, field_name, field):
        if field_name in CONFIDENTIAL_FIELDS and not may_see_identity(
            self.request.user, self.object
        ):
            return shown(self.request.user, self.object, field_name)
        return super().get_field_display_value(field_name, field)


#: The edit form of whoever may not see the denouncer: no confidential field in it.
MASKED_PANELS = ObjectList(
    [
        QuestionStatusPanel(heading=_("State and sender")),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("respondent"), FieldPanel("field")],
            heading=_("Denunciation"),
        ),
        _PUBLISHING,
    ]
)


class DenunciationEditView(QuestionEditView):
    """The handler and the head of the body edit the letter; anyone else (the board)
    gets a form without the confidential fields (not even hidden)."""

    def _hides_identity(self) -> bool:
        obj = getattr(self, "object", None)
        if obj is None:
            obj = self.object = self.get_object()
        return not may_see_identity(self.request.user, obj)

    def _masked_panel(self):
        return MASKED_PANELS.bind_to_model(self.model)

    def get_form_class(self):
        if self._hides_identity():
            return self._masked_panel().get_form_class()
        return super().get_form_class()

    def get_bound_panel(self, form):
        if self._hides_identity():
            return self._masked_panel().get_bound_panel(
                request=self.request, instance=form.instance, form=form
            )
        return super().get_bound_panel(form)


class DenunciationViewSet(QuestionViewSet):
    """Denunciations (Law on Denunciations No. 25/2018/QH14): the denouncer's identity
    is confidential (Art. 9.1b, 47-48)."""

    request_kind = "to-cao"
    name = "to-cao"
    url_namespace = "consultation_denunciation"
    icon = "warning"
    menu_label = _("Denunciations")
    export_filename = "to-cao"
    edit_view_class = DenunciationEditView
    inspect_view_class = DenunciationInspectView
    list_display = ["code", "title", "state", "unit", "officer", "due_at", "received_at"]
    list_filter = ["state", "unit", "complexity"]
    #: Never by name, address, phone, e-mail or the letter: whoever may not see them
    #: would learn them from what a search finds.
    search_fields = ["code", "title"]
    inspect_view_fields = [
        "code",
        "title",
        "body",
        "respondent",
        "received_at",
        "state",
        "unit",
        "officer",
        "accepted_at",
        "complexity",
        "due_at",
        "full_name",
        "address",
        "phone",
        "email",
    ]
    #: No confidential field, whoever exports.
    list_export = [
        "code",
        "received_at",
        "state",
        "title",
        "respondent",
        "unit",
        "accepted_at",
        "complexity",
        "due_at",
        "answered_at",
    ]
    panels = [
        QuestionStatusPanel(heading=_("State and sender")),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("body"),
                FieldPanel("respondent"),
                FieldPanel("field"),
            ],
            heading=_("Denunciation"),
        ),
        _PUBLISHING,
    ]


petition_viewset = PetitionViewSet()
complaint_viewset = ComplaintViewSet()
denunciation_viewset = DenunciationViewSet()
