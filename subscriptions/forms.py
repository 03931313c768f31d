"""The public form of the e-mail subscriptions (with every protection of core.antispam) and
the subscriber's own form to change what they receive."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congthongtin.core.antispam import PublicFormMixin

from .models import Frequency, TopicKind

#: Form field of each kind of topic, with its legend.
TOPIC_FIELDS = {
    TopicKind.SECTION: ("topic_section", _("Sections of this portal")),
    TopicKind.FIELD: ("topic_field", _("Fields")),
    TopicKind.AGENCY: ("topic_agency", _("Issuing agencies")),
    TopicKind.DOCUMENT_TYPE: ("topic_document_type", _("Document types")),
}


class DescribedMixin:
    """aria-describedby to each field's hint and error, aria-invalid on an error."""

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


class TopicsMixin(DescribedMixin):
    """The topics (one checkbox group per kind, only the kinds the body has) and the
    frequency."""

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic_labels: dict[tuple[str, str], str] = {}
        for kind, (name, label) in TOPIC_FIELDS.items():
            options = choices.get(kind) or []
            if not options:
                continue
            self.fields[name] = forms.MultipleChoiceField(
                label=label, choices=options, required=False, widget=forms.CheckboxSelectMultiple
            )
            self.topic_labels.update({(kind, value): text for value, text in options})
        self.fields["frequency"] = forms.ChoiceField(
            label=_("How often"),
            choices=Frequency.choices,
            initial=Frequency.DAILY,
            widget=forms.RadioSelect,
            help_text=_("A digest lists everything published in the day or the week, once."),
        )

    @property
    def topic_fields(self):
        return [self[name] for name, _label in TOPIC_FIELDS.values() if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        if not self.chosen_topics(cleaned):
            raise forms.ValidationError(
                _("Choose at least one section, field, agency or document type."),
                code="no_topic",
            )
        return cleaned

    def chosen_topics(self, cleaned=None) -> list[tuple[str, str, str]]:
        cleaned = self.cleaned_data if cleaned is None else cleaned
        topics = []
        for kind, (name, _label) in TOPIC_FIELDS.items():
            for value in cleaned.get(name) or []:
                topics.append((kind, value, self.topic_labels.get((kind, value), value)))
        return topics


class SubscriptionForm(PublicFormMixin, TopicsMixin, forms.Form):
    consent_text = _(
        "I agree that the portal keeps my e-mail address and the topics I chose to send me "
        "its news, until I unsubscribe (Law on Personal Data Protection No. 91/2025/QH15)."
    )

    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a link to confirm; nothing is sent before you confirm."),
    )


class ManageForm(TopicsMixin, forms.Form):
    """What a subscriber changes through the link of their e-mails."""
