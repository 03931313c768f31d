"""The public form of an online exchange (R-FORUM-1) and the board's answer form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congthongtin.core.antispam import PublicFormMixin
from congthongtin.core.models import Field


class ExchangeQuestionForm(PublicFormMixin, forms.Form):
    """Name (shown with the question), commune/ward or organisation (shown), an optional
    e-mail (never shown, erased after the retention period) and the question; with the
    honeypot, check question, consent and HTML stripping of every public form."""

    asker_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Shown with your question."),
    )
    asker_place = forms.CharField(
        label=_("Commune, ward or organisation (optional)"),
        max_length=255,
        required=False,
        help_text=_("Shown with your question."),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Only if the board needs to contact you. Not shown publicly."),
    )
    text = forms.CharField(
        label=_("Your question"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def record_values(self) -> dict:
        data = self.cleaned_data
        return {
            "asker_name": data["asker_name"],
            "asker_place": data["asker_place"],
            "email": data["email"],
            "text": data["text"],
        }


class ExchangeAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ConvertForm(forms.Form):
    field = forms.ModelChoiceField(label=_("Field of the question"), queryset=Field.objects.all())
