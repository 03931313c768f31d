"""The public forms (each with the protections of ``core.antispam.PublicFormMixin``) and the
board's forms for questions."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congthongtin.core import roles
from congthongtin.core.antispam import PublicFormMixin, clean_text
from congthongtin.core.conf import DEFAULTS, app_settings
from congthongtin.core.filters import MonthField
from congthongtin.core.models import Field, Unit
from congthongtin.core.models.directory import phone_validator
from congthongtin.core.users import ordering as user_ordering
from congthongtin.vietnam.fold import fold

from .deadlines import DeadlineClass
from .models import AskerType, RefusalReason, RequestKind, SatisfactionLevel
from .ratings import COMMENT_MAX_LENGTH
from .uploads import max_upload_bytes, validate_attachment

#: The directory's pattern of a phone number (core.models.directory.phone_validator).
PHONE = phone_validator.regex

#: Words that make a question look like a complaint or denunciation (folded match).
DEFAULT_COMPLAINT_KEYWORDS = DEFAULTS["QA_COMPLAINT_KEYWORDS"]


def complaint_keywords_in(*texts: str) -> list[str]:
    words = app_settings.QA_COMPLAINT_KEYWORDS
    folded = f" {fold(' '.join(texts))} "
    return [word for word in words if f" {fold(word)} " in re.sub(r"[^\w/]+", " ", folded)]


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not PHONE.match(value):
            raise forms.ValidationError(
                _("Enter a phone number of digits, spaces, dots, dashes, “+” or brackets.")
            )


def text_input(autocomplete: str = "", **attrs):
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return forms.TextInput(attrs=attrs)


# Consultation ------------------------------------------------------------------------------
class CommentForm(PublicFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, widget=text_input("name"))
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Not shown publicly."),
    )
    phone = PhoneField(label=_("Phone (optional)"), required=False)
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=255,
        required=False,
        widget=text_input("organization"),
        help_text=_("If you comment for an organisation, its name is shown with the comment."),
    )
    address = forms.CharField(
        label=_("Address (optional)"),
        max_length=255,
        required=False,
        widget=text_input("street-address"),
        help_text=_("Not shown publicly."),
    )
    article = forms.CharField(label=_("Article of the draft"), max_length=255, required=False)
    text = forms.CharField(
        label=_("Your comment"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    attachment = forms.FileField(
        label=_("Attached file (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        choices = page.article_choices
        if choices:
            self.fields["article"] = forms.ChoiceField(
                label=_("Article of the draft"),
                required=False,
                choices=[("", _("The draft as a whole")), *[(c, c) for c in choices]],
            )
        else:
            self.fields["article"].help_text = _("E.g. “Điều 5”; empty: the draft as a whole.")
        self.fields["attachment"].help_text = _(
            "PDF, DOC, DOCX, ODT, JPG or PNG, at most %(mb)s MB."
        ) % {"mb": max_upload_bytes() // (1024 * 1024)}
        self.order_fields(
            ["article", "text", "attachment", "full_name", "email", "phone", "organisation"]
        )

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if uploaded:
            validate_attachment(uploaded)
        return uploaded


# Q&A ---------------------------------------------------------------------------------------
class QuestionForm(PublicFormMixin, forms.Form):
    """Exactly what S1 Đ12.3 asks of the asker, plus an e-mail for the reply."""

    asker_type = forms.ChoiceField(
        label=_("You ask as"),
        choices=AskerType.choices,
        initial=AskerType.PERSON,
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=text_input("name"),
        help_text=_("Yours, or the organisation's representative's."),
    )
    # A person (S1 Đ12.3b)
    nationality = forms.CharField(
        label=_("Nationality"),
        max_length=100,
        required=False,
        initial="Việt Nam",
        widget=text_input("country-name"),
    )
    occupation = forms.CharField(
        label=_("Occupation"), max_length=150, required=False, widget=text_input()
    )
    address = forms.CharField(
        label=_("Where you live, study or work"),
        max_length=255,
        required=False,
        widget=text_input("street-address"),
        help_text=_("House number, street, commune or ward, province or city."),
    )
    # An organisation (S1 Đ12.3a)
    representative_position = forms.CharField(
        label=_("Representative's position"),
        max_length=150,
        required=False,
        widget=text_input("organization-title"),
    )
    licence_number = forms.CharField(
        label=_("Number of the founding decision or licence"),
        max_length=100,
        required=False,
        widget=text_input(),
    )
    head_office_address = forms.CharField(
        label=_("Head-office address"),
        max_length=255,
        required=False,
        widget=text_input("street-address"),
        help_text=_("House number, street, commune or ward, province or city."),
    )
    email = forms.EmailField(
        label=_("E-mail for the reply"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("The answer and the tracking link are sent here. Not shown publicly."),
    )
    field = forms.ModelChoiceField(
        label=_("Field of the question"),
        queryset=Field.objects.all(),
        empty_label=_("Choose a field"),
        to_field_name="slug",
    )
    title = forms.CharField(label=_("Subject"), max_length=255, widget=text_input())
    body = forms.CharField(
        label=_("Your question"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )
    not_a_complaint = forms.BooleanField(
        label=_("I confirm that this is a question, not a complaint or a denunciation."),
        required=False,
    )
    not_a_complaint.summary_label = _("Not a complaint or denunciation")

    PERSON_FIELDS = ("nationality", "occupation", "address")
    ORGANISATION_FIELDS = ("representative_position", "licence_number", "head_office_address")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint_words: list[str] = []

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("asker_type")
        required = {
            AskerType.PERSON: self.PERSON_FIELDS,
            AskerType.ORGANISATION: self.ORGANISATION_FIELDS,
        }.get(kind, ())
        for name in required:
            if not (cleaned.get(name) or "").strip():
                self.add_error(name, _("This field is required for the kind of asker you chose."))
        self.complaint_words = complaint_keywords_in(
            cleaned.get("title", ""), cleaned.get("body", "")
        )
        if self.complaint_words and not cleaned.get("not_a_complaint"):
            self.add_error(
                "not_a_complaint",
                _(
                    "Your question contains words of a complaint or denunciation (%(words)s). "
                    "The Q&A does not receive complaints or denunciations: read the guidance "
                    "above. If it is a question, tick this box and send it again."
                )
                % {"words": ", ".join(self.complaint_words)},
            )
        return cleaned

    def record_values(self) -> dict:
        """The Question fields of the asker, by the kind chosen (nothing of the other)."""
        data = self.cleaned_data
        values = {
            "asker_type": data["asker_type"],
            "full_name": data["full_name"],
            "email": data["email"],
            "field": data["field"],
            "title": data["title"],
            "body": data["body"],
            "complaint_warning": bool(self.complaint_words),
        }
        if data["asker_type"] == AskerType.ORGANISATION:
            values.update(
                representative_position=data["representative_position"],
                licence_number=data["licence_number"],
                address=data["head_office_address"],
            )
        else:
            values.update(
                nationality=data["nationality"],
                occupation=data["occupation"],
                address=data["address"],
            )
        return values


# Petitions, complaints, denunciations ------------------------------------------------------
#: A complaint is lodged within 90 days of the decision or act (Law on Complaints Art. 9).
COMPLAINT_PERIOD_DAYS = 90


class RequestForm(PublicFormMixin, forms.Form):
    """What every kind of request other than a question asks of its sender: a name, an
    address and a way to be reached (a phone and/or an e-mail), the field and a subject.
    ``record_values`` gives the ``Question`` fields, ``request_kind`` the ``RequestKind``."""

    default_kind = RequestKind.PETITION.value

    full_name = forms.CharField(label=_("Full name"), max_length=150, widget=text_input("name"))
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        widget=text_input("street-address"),
        help_text=_("House number, street, commune or ward, province or city. Never published."),
    )
    phone = PhoneField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Give a phone number, an e-mail or both. Only with an e-mail are you told of "
            "each stage and sent the answer; without one, follow your request on this portal "
            "with its reference and secret. Never published."
        ),
    )
    field = forms.ModelChoiceField(
        label=pgettext_lazy("taxonomy", "Field"),
        queryset=Field.objects.all(),
        empty_label=_("Choose a field"),
        to_field_name="slug",
    )
    title = forms.CharField(
        label=_("Subject"),
        max_length=255,
        widget=text_input(),
        help_text=_("In a few words."),
    )

    def clean(self):
        cleaned = super().clean()
        no_contact = (
            not (cleaned.get("phone") or "").strip() and not (cleaned.get("email") or "").strip()
        )
        if no_contact and "phone" not in self.errors and "email" not in self.errors:
            self.add_error(
                "phone", _("Give a phone number or an e-mail, so that the body can reach you.")
            )
        return cleaned

    def request_kind(self) -> str:
        return self.default_kind

    def record_values(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": self.request_kind(),
            "full_name": data["full_name"],
            "address": data["address"],
            "phone": data.get("phone") or "",
            "email": data.get("email") or "",
            "field": data["field"],
            "title": data["title"],
            "body": data["body"],
            "respondent": data.get("respondent") or "",
            "decision_reference": data.get("decision_reference") or "",
            "known_on": data.get("known_on"),
        }


class PetitionForm(RequestForm):
    """A petition on administrative regulations and services (Decree 20/2008/NĐ-CP)."""

    decision_reference = forms.CharField(
        label=_("Regulation, procedure or service concerned"),
        max_length=255,
        widget=text_input(),
        help_text=_("E.g. the name of the procedure, or the number and date of the document."),
    )
    body = forms.CharField(
        label=_("Your petition"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What is wrong or could be better, and what you propose."),
    )
    respondent = forms.CharField(
        label=_("Official or body concerned (optional)"),
        max_length=255,
        required=False,
        widget=text_input(),
        help_text=_("If your petition is about how an official or a body behaved."),
    )

    field_order = [
        "full_name",
        "address",
        "phone",
        "email",
        "field",
        "title",
        "decision_reference",
        "body",
        "respondent",
    ]


class ComplaintForm(RequestForm):
    """A complaint (Law on Complaints No. 02/2011/QH13, Art. 8) or a denunciation (Law on
    Denunciations No. 25/2018/QH14, Art. 23), chosen by the sender. Fields that only one
    of the two needs are checked by the kind chosen, so the form works without JavaScript."""

    kind = forms.ChoiceField(
        label=_("What do you send?"),
        choices=[
            (RequestKind.COMPLAINT.value, _("A complaint (khiếu nại)")),
            (RequestKind.DENUNCIATION.value, _("A denunciation (tố cáo)")),
        ],
        initial=RequestKind.COMPLAINT.value,
        widget=forms.RadioSelect,
        help_text=_(
            "A complaint: you ask the body to review a decision or an act of a body or an "
            "official that affects your own rights and interests. A denunciation: you report "
            "an official's or anyone's violation of the law that harms the State, or other "
            "people, whether or not it harms you."
        ),
    )
    respondent = forms.CharField(
        label=_("Body or person complained about, or person denounced"),
        max_length=255,
        widget=text_input(),
        help_text=_("Their name, position and where they work, as far as you know."),
        error_messages={
            "required": _("Say which body or person your complaint or denunciation is about.")
        },
    )
    decision_reference = forms.CharField(
        label=_("Decision or act complained about"),
        max_length=255,
        required=False,
        widget=text_input(),
        help_text=_("Complaint: its number and date, or what was done and when."),
    )
    known_on = forms.DateField(
        label=_("Date you received the decision or learnt of the act"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_("Complaint: a complaint is lodged within 90 days of that date."),
    )
    body = forms.CharField(
        label=_("Content"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Complaint: what you complain about, your reasons and what you ask. "
            "Denunciation: the violation, when and where it happened, and what shows it."
        ),
    )
    truthful = forms.BooleanField(
        label=_(
            "Denunciation: I will tell the truth, give the information and documents I have, "
            "and answer before the law for a denunciation I know to be untrue "
            "(Law on Denunciations, Art. 9.2)."
        ),
        required=False,
    )
    truthful.summary_label = _("Denouncer's commitment")

    field_order = [
        "kind",
        "full_name",
        "address",
        "phone",
        "email",
        "field",
        "title",
        "respondent",
        "decision_reference",
        "known_on",
        "body",
        "truthful",
    ]

    def request_kind(self) -> str:
        return self.cleaned_data.get("kind") or RequestKind.COMPLAINT.value

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        today = timezone.localdate()
        known_on = cleaned.get("known_on")
        if known_on and known_on > today:
            self.add_error("known_on", _("This date is in the future."))
        if kind == RequestKind.COMPLAINT:
            if not (cleaned.get("decision_reference") or "").strip():
                self.add_error(
                    "decision_reference",
                    _("Say which decision or act you complain about (its number and date)."),
                )
            if not known_on and "known_on" not in self.errors:
                self.add_error(
                    "known_on", _("Give the date you received the decision or learnt of the act.")
                )
        elif kind == RequestKind.DENUNCIATION and not cleaned.get("truthful"):
            self.add_error(
                "truthful", _("Tick the box: a denouncer must tell the truth (Art. 9.2).")
            )
        return cleaned

    @property
    def late(self) -> bool:
        """A complaint more than 90 days after its date: received all the same (the law
        lets the body count out time lost to illness, natural disasters, travel…)."""
        return is_late(self.cleaned_data.get("known_on"), timezone.localdate())

    def record_values(self) -> dict:
        values = super().record_values()
        if values["kind"] == RequestKind.DENUNCIATION:
            values.update(decision_reference="", known_on=None)
        return values


def is_late(known_on, on) -> bool:
    """Whether a complaint about a decision known on ``known_on`` is lodged on ``on`` after
    the 90 days of Law on Complaints Art. 9."""
    return bool(known_on) and (on - known_on).days > COMPLAINT_PERIOD_DAYS


#: The form of each kind a request page receives, by its ``request_kinds``.
REQUEST_FORMS = {
    RequestKind.PETITION.value: PetitionForm,
    RequestKind.COMPLAINT.value: ComplaintForm,
    RequestKind.DENUNCIATION.value: ComplaintForm,
}


class SecretInput(forms.TextInput):
    """A text box (the sender sees what they type) that never gives a secret back in the
    page when the form is shown again."""

    def format_value(self, value):
        return None


class LookupForm(PublicFormMixin, forms.Form):
    """Follow a request by its reference and secret, without an account."""

    consent_text = None
    code = forms.CharField(
        label=_("Reference"),
        max_length=20,
        widget=text_input(autocomplete="off", spellcheck="false"),
        help_text=_("E.g. 2026-00012, as in the receipt."),
    )
    secret = forms.CharField(
        label=_("Secret"),
        max_length=40,
        widget=SecretInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        help_text=_("The 10 letters and digits shown when you sent it, and in the receipt."),
    )


class AddInformationForm(forms.Form):
    """The sender's reply to a request for more information, on the tracking page (the
    tracking token is the sender's key; CSRF protects the POST)."""

    text = forms.CharField(
        label=_("The information asked for"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the information asked for.")},
    )

    def clean_text(self):
        text = clean_text(self.cleaned_data.get("text") or "")
        if not text:
            raise forms.ValidationError(_("Write the information asked for."))
        return text


# Contact -----------------------------------------------------------------------------------
class ContactForm(PublicFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, widget=text_input("name"))
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("For the reply."),
    )
    phone = PhoneField(label=_("Phone (optional)"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=255, widget=text_input())
    message = forms.CharField(
        label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )


class SubscribeForm(PublicFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a link to confirm; nothing is sent before you confirm."),
    )
    consent_text = _(
        "I agree that the portal keeps my e-mail address to send me news of consultations, "
        "until I unsubscribe (Law on Personal Data Protection No. 91/2025/QH15)."
    )


class FeedbackCommentForm(PublicFormMixin, forms.Form):
    """The optional comment after a rating: no personal data asked, so no consent line."""

    consent_text = None
    comment = forms.CharField(
        label=_("What could be better on this page? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not write personal information: this comment is anonymous."),
    )
    rating = forms.CharField(widget=forms.HiddenInput)


class SatisfactionForm(forms.Form):
    """Satisfaction with a service in five levels and an optional comment (Decree 224/2026
    Điều 10.3b), on every procedure page.

    Not a ``PublicFormMixin`` form: it sits on pages the front cache keeps for hours, so it
    can carry no check question (a signed, timed, single-use token) nor CSRF token (a
    cookie). The view protects it as it does “Was this page useful?”: the Origin check, the
    honeypot, per-address limits, and one rating per visitor, service and day."""

    level = forms.TypedChoiceField(
        label=_("How satisfied are you with this service?"),
        choices=SatisfactionLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how satisfied you are with this service."),
            "invalid_choice": _("Choose one of the five levels."),
        },
    )
    level.summary_label = _("Satisfaction")
    comment = forms.CharField(
        label=_("Your comment (optional)"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "At most 2,000 characters. Do not write personal information: your rating is anonymous."
        ),
        error_messages={
            "max_length": _(
                "Write at most %(limit_value)d characters (you wrote %(show_value)d). "
                "Your text is kept below: shorten it and send it again."
            )
        },
    )
    page = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cv-sat-%s")
        super().__init__(*args, **kwargs)

    def clean_comment(self):
        return clean_text(self.cleaned_data.get("comment") or "")


# The board's forms -------------------------------------------------------------------------
class AssignForm(forms.Form):
    """Assign (or forward) a question to the competent unit with the deadline class."""

    unit = forms.ModelChoiceField(label=_("Answering unit"), queryset=Unit.objects.none())
    officer = forms.ModelChoiceField(
        label=_("Information officer"),
        queryset=get_user_model().objects.none(),
        help_text=_("Drafts the answer and receives the reminders."),
    )
    deadline_class = forms.ChoiceField(
        label=_("Deadline class"), choices=DeadlineClass.choices, widget=forms.RadioSelect
    )
    appointment_at = forms.DateTimeField(
        label=_("Appointment (special case)"),
        required=False,
        help_text=_(
            "The date and time promised to the asker; at most the special class's number "
            "of working days. Empty: that maximum."
        ),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        site = question.page.get_site()
        site_id = site.pk if site else None
        self.fields["unit"].queryset = Unit.objects.filter(site_id=site_id)
        # The officer works on the question in the admin: a unit officer or a board member
        # of the question's body (consultation.permissions), nobody of another body.
        self.fields["officer"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__board_role__site_id=site_id,
                groups__board_role__role__in=[roles.UNIT_OFFICER, *roles.BOARD],
            )
            .distinct()
            .order_by(*user_ordering())
        )

    def clean(self):
        from .deadlines import latest_appointment, site_of

        cleaned = super().clean()
        appointment = cleaned.get("appointment_at")
        if appointment and cleaned.get("deadline_class") != DeadlineClass.SPECIAL:
            self.add_error("appointment_at", _("Only a special case has an appointment."))
        elif appointment:
            latest = latest_appointment(self.question.received_at, site_of(self.question))
            if appointment > latest:
                self.add_error(
                    "appointment_at",
                    _("The appointment is later than the maximum, %(latest)s.")
                    % {"latest": timezone.localtime(latest).strftime("%H:%M %d/%m/%Y")},
                )
            elif appointment < timezone.now():
                self.add_error("appointment_at", _("The appointment is in the past."))
        return cleaned


class RefuseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RefusalReason.choices)
    guidance = forms.CharField(
        label=_("Guidance to the asker"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Sent by e-mail: where to take the matter instead."),
    )


class FeedbackPeriodForm(forms.Form):
    """The months of the page-rating report (``?tu=2026-01&den=2026-11``); a month that is
    not one, or out of range, is dropped for the default (issue 16, finding 10)."""

    tu = MonthField(required=False)
    den = MonthField(required=False)
