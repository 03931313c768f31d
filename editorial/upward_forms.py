"""Forms of the proposals up to the parent portal (editorial.upward)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ProposeForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the parent portal's board (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the proposing board reads it)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the reason the proposing board will read.")},
    )
