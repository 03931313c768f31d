"""A model field holding several choices in one portable text column."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.admin.compare import FieldComparison, TextDiff
from wagtail.admin.panels import FieldPanel


class MultipleChoiceField(models.CharField):
    """Several values of ``choices`` stored comma-separated ("cong-dan,doanh-nghiep").

    Portable (no PostgreSQL array) and serialisable in page revisions: modelcluster writes
    ``value_to_string`` and reads back through ``to_python``.
    """

    description = "Several choices"

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, (list, tuple)):
            return [str(item) for item in value if item]
        return [item for item in str(value).split(",") if item]

    def get_prep_value(self, value):
        if isinstance(value, (list, tuple)):
            return ",".join(str(item) for item in value if item)
        return value or ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")
        allowed = {str(key) for key, _label in self.flatchoices}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown value: %(value)s"), code="invalid_choice", params={"value": unknown[0]}
            )

    def run_validators(self, value):
        # The stored string is what max_length limits.
        super().run_validators(self.get_prep_value(value))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.MultipleChoiceField,
            "choices": self.choices,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        defaults.pop("choices_form_class", None)
        defaults.pop("coerce", None)
        defaults.pop("empty_value", None)
        defaults.pop("max_length", None)
        return form_class(**defaults)

    def get_default(self):
        return []


class MultipleChoiceComparison(FieldComparison):
    """Revision comparison of a MultipleChoiceField: the labels, joined."""

    def _labels(self, values) -> str:
        labels = dict(self.field.flatchoices)
        return ", ".join(str(labels.get(value, value)) for value in values or [])

    def htmldiff(self):
        before, after = self._labels(self.val_a), self._labels(self.val_b)
        if self.val_a == self.val_b:
            return escape(after)
        return TextDiff([("deletion", before), ("addition", after)]).to_html()


class MultipleChoicePanel(FieldPanel):
    """FieldPanel whose revision comparison understands several values (Wagtail would
    otherwise treat the field as a single choice)."""

    def get_comparison_class(self):
        return MultipleChoiceComparison
