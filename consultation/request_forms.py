"""The forms of the admin's action screens on a request of any kind (ask for information,
extend, decide, refuse, assign a complaint or denunciation); the Q&A's assigning form is
``consultation.forms.AssignForm``. Each screen calls one function of
``consultation.lifecycle`` with the cleaned data."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from .deadlines import DeadlineClass
from .forms import AssignForm
from .models import Complexity, RefusalReason, RequestKind


class RequestAssignForm(AssignForm):
    """A petition, complaint or denunciation: the unit and the named handler (required);
    its clock is the kind's (``lifecycle.POLICIES``), so there is no deadline class."""

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, question=question, **kwargs)
        del self.fields["deadline_class"]
        del self.fields["appointment_at"]
        officer = self.fields["officer"]
        officer.required = True
        if question.needs_acceptance:
            officer.label = _("Named handler")
            officer.help_text = _(
                "The person who examines and settles the matter; for a denunciation, "
                "the only one (with the head of the body) who sees the denouncer's "
                "identity and letter."
            )

    def clean(self):
        cleaned = forms.Form.clean(self)
        cleaned["deadline_class"] = DeadlineClass.OWN
        cleaned["appointment_at"] = None
        return cleaned


class AskForm(forms.Form):
    note = forms.CharField(
        label=_("What is asked of the sender"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_("Sent by e-mail to the sender, who adds it on the tracking page."),
    )


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Days added"), min_value=1)
    complexity = forms.ChoiceField(
        label=_("Complexity"),
        choices=Complexity.choices,
        required=False,
        help_text=_("The laws allow a longer settlement for complex cases only."),
    )
    reason = forms.CharField(
        label=_("Reason (told to the sender)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def __init__(self, *args, max_days: int, with_complexity: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].max_value = max_days
        self.fields["days"].validators.append(MaxValueValidator(max_days))
        self.fields["days"].widget.attrs.update({"min": 1, "max": max_days})
        if not with_complexity:
            del self.fields["complexity"]

    def clean_complexity(self):
        value = self.cleaned_data.get("complexity")
        if value == Complexity.NORMAL:
            raise forms.ValidationError(
                _("An ordinary case cannot be extended: choose complex or especially complex.")
            )
        if not value:
            raise forms.ValidationError(_("Say how complex the case is."))
        return value


class DecideForm(forms.Form):
    note = forms.CharField(
        label=_("Decision or conclusion"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text=_(
            "The settlement decision (complaint) or the conclusion (denunciation), as sent "
            "to the sender."
        ),
    )


#: The reasons a request of each kind may be refused with.
REASONS_BY_KIND = {
    RequestKind.QUESTION: [
        RefusalReason.COMPLAINT,
        RefusalReason.DENUNCIATION,
        RefusalReason.OUT_OF_SCOPE,
        RefusalReason.DUPLICATE,
        RefusalReason.ABUSE,
    ],
    RequestKind.PETITION: [
        RefusalReason.COMPLAINT,
        RefusalReason.DENUNCIATION,
        RefusalReason.OUT_OF_SCOPE,
        RefusalReason.DUPLICATE,
        RefusalReason.ABUSE,
    ],
    RequestKind.COMPLAINT: [RefusalReason.NOT_COMPETENT, RefusalReason.NOT_ADMISSIBLE],
    RequestKind.DENUNCIATION: [RefusalReason.NOT_COMPETENT, RefusalReason.NOT_ADMISSIBLE],
}


def reasons_for(kind) -> list[tuple[str, str]]:
    wanted = REASONS_BY_KIND.get(kind, REASONS_BY_KIND[RequestKind.QUESTION])
    labels = dict(RefusalReason.choices)
    return [(reason.value, labels[reason.value]) for reason in wanted]


class RequestRefuseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"))
    guidance = forms.CharField(
        label=_("Reasons and guidance to the sender"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_("Sent by e-mail: why, and where to take the matter instead."),
    )

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = reasons_for(kind)
