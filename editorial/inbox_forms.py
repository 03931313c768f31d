"""Forms of the contributions inbox: the public form (``core.antispam`` protections), the
unit officer's form in the back office, the status look-up and the standing office's
actions. Every check is made here, on the server; messages are Vietnamese through the
catalogue."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congthongtin.core.antispam import PublicFormMixin, clean_text
from congthongtin.core.models import Agency, ContentOrigin
from congthongtin.core.models.directory import phone_validator

from .inbox_uploads import ACCEPT, ALLOWED_TEXT, MAX_FILES, max_file_bytes, validate_files
from .models.inbox import ContributionKind, normalise_code

#: The directory's pattern of a phone number (core.models.directory.phone_validator).
PHONE = phone_validator.regex
TEXT_MAX = 50_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def phone_ok(value: str) -> bool:
    return bool(PHONE.match(value)) and sum(ch.isdigit() for ch in value) >= 6


class DescribedFieldsMixin:
    """Each widget tied to its hint and error (``aria-describedby``, ``aria-invalid``), for
    screen readers; the templates give the hint and error those ids."""

    def full_clean(self):
        super().full_clean()
        self.describe_fields()

    def describe_fields(self):
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.auto_id}-help")
            if self.is_bound and name in (self._errors or {}):
                ids.append(f"{bound.auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


class ContentFieldsMixin(forms.Form):
    """What the item is: kind, title, text, files, and the source of a collected item."""

    kind = forms.ChoiceField(label=_("Kind of item"), choices=ContributionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    text = forms.CharField(
        label=_("Content of the item"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Type or paste the text, or attach it as a Word or ODT file below."),
    )
    files = MultipleFileField(label=_("Attached files"))
    origin = forms.ChoiceField(
        label=_("Where the item comes from"),
        choices=[
            (ContentOrigin.ORIGINAL, _("Written by me or my unit")),
            (ContentOrigin.COLLECTED, _("Collected or compiled from another source")),
            (ContentOrigin.TRANSLATED, _("Translated")),
        ],
        initial=ContentOrigin.ORIGINAL,
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        required=False,
        help_text=_("For a collected or translated item: where it comes from (R-SUB-1)."),
    )
    collector = forms.CharField(
        label=_("Collected by"),
        max_length=255,
        required=False,
        help_text=_("For a collected item: who collected or compiled it."),
    )

    CONTENT_FIELDS = ("kind", "title", "text", "files", "origin", "source", "collector")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "Word or ODT text and JPG, PNG, GIF or BMP pictures (%(allowed)s); at most "
            "%(count)d files of %(mb)d MB each. Files must be chosen again if the form "
            "shows an error."
        ) % {
            "allowed": ALLOWED_TEXT,
            "count": MAX_FILES,
            "mb": max_file_bytes() // (1024 * 1024),
        }
        self.checked_files: list = []

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        self.checked_files = validate_files(files) if files else []
        return files

    def clean_content(self, cleaned):
        text = (cleaned.get("text") or "").strip()
        if not text and not self.checked_files and "files" not in self.errors:
            self.add_error("text", _("Write the text or attach a file."))
        collected = cleaned.get("origin") in (ContentOrigin.COLLECTED, ContentOrigin.TRANSLATED)
        if collected and not (cleaned.get("source") or "").strip():
            self.add_error("source", _("A collected or translated item must name its source."))
        return cleaned


class PublicContributionForm(DescribedFieldsMixin, PublicFormMixin, ContentFieldsMixin):
    """Anyone sends an item: who they are (R-SUB-1: name and address), how to reach them
    (an e-mail or a phone, which also opens the status look-up)."""

    sender_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("The author's name, shown with the item if it is published."),
    )
    sender_organisation = forms.CharField(
        label=_("Organisation or unit (optional)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    sender_address = forms.CharField(
        label=_("Address"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        help_text=_("House number, street, commune or ward, province or city."),
    )
    sender_email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("The receipt and the outcome are sent here. Not published."),
    )
    sender_phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("Give an e-mail or a phone: you need one of them to look up the status."),
    )

    def clean_sender_phone(self):
        value = (self.cleaned_data.get("sender_phone") or "").strip()
        if value and not phone_ok(value):
            raise forms.ValidationError(
                _("Enter a phone number of digits, spaces, dots, dashes, “+” or brackets.")
            )
        return value

    def clean(self):
        cleaned = super().clean()
        no_contact = not cleaned.get("sender_email") and not cleaned.get("sender_phone")
        if no_contact and not {"sender_email", "sender_phone"} & set(self.errors):
            self.add_error("sender_email", _("Give an e-mail or a phone number."))
        return self.clean_content(cleaned)


class OfficerContributionForm(DescribedFieldsMixin, ContentFieldsMixin):
    """A unit officer (or collaborator) sends from the back office: the sender is the
    account; the unit is chosen from the agencies or written."""

    site = forms.ModelChoiceField(label=_("Send to the board of"), queryset=None)
    agency = forms.ModelChoiceField(
        label=_("Your unit"),
        queryset=Agency.objects.order_by("name"),
        required=False,
        empty_label=_("Not in the list"),
    )
    organisation = forms.CharField(
        label=_("Unit, if not in the list"),
        max_length=255,
        required=False,
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        required=False,
        help_text=_("The author's address or unit (R-SUB-1); empty: the unit's name."),
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        if sites.count() == 1:
            self.fields["site"].initial = sites.first().pk
            self.fields["site"].widget = forms.HiddenInput()
        self.order_fields(["site", "agency", "organisation", "address", "phone"])

    def clean_phone(self):
        value = (self.cleaned_data.get("phone") or "").strip()
        if value and not phone_ok(value):
            raise forms.ValidationError(
                _("Enter a phone number of digits, spaces, dots, dashes, “+” or brackets.")
            )
        return value

    def clean(self):
        cleaned = super().clean()
        for name in ("title", "text", "source", "collector", "organisation", "address"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = clean_text(cleaned[name])
        agency = cleaned.get("agency")
        if agency is None and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose your unit or write its name."))
        return self.clean_content(cleaned)


class LookupForm(DescribedFieldsMixin, forms.Form):
    """The status look-up: the receipt code and the e-mail or phone given when sending."""

    code = forms.CharField(
        label=_("Receipt code"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        help_text=_("E.g. ABCD-EFGH-JKMN, as on the receipt."),
    )
    contact = forms.CharField(
        label=_("E-mail or phone given when sending"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )

    def clean_code(self):
        return normalise_code(self.cleaned_data.get("code", ""))


class AcceptForm(forms.Form):
    target = forms.ChoiceField(label=_("Make it a draft of"))

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {t.key: t for t in targets}
        self.fields["target"].choices = [(t.key, t.label) for t in targets]


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Assign to"))
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        self.fields["assignee"].choices = [
            ("", _("Choose a board member")),
            *[(str(p.pk), p.get_full_name() or p.get_username()) for p in people],
        ]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the sender reads it)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
