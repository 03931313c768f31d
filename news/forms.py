"""Admin form of the pages with publishing rules (author, original reference …)."""

from __future__ import annotations

from core.forms import PortalPageForm


class PublishingRulesPageForm(PortalPageForm):
    """The page form of the types with publishing rules (author, original reference …).

    ``PortalPageForm`` judges the page as what the editor's action will make of it, so the
    model's rules for live pages land on the form fields on publish and submit only.
    """


#: Day first, as Vietnamese write dates and as Wagtail's picker fills them in
#: (WAGTAIL_DATETIME_FORMAT). Django's default DATETIME_INPUT_FORMATS are month first, so
#: without this "10/12/2026 09:00" would silently become 12 October.
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
]


def day_first_datetimes(form) -> None:
    """Make every date-time field of ``form`` and of its inline formsets read dd/mm/yyyy
    first. Inline forms are built lazily from their class's ``base_fields``, so those are
    set (the class is the one generated for this page type's form)."""
    from django import forms

    fields = list(form.fields.values())
    for formset in getattr(form, "formsets", {}).values():
        fields += formset.form.base_fields.values()
    for field in fields:
        if isinstance(field, forms.DateTimeField):
            field.input_formats = DATETIME_INPUT_FORMATS
