"""Admin form for every page of the platform."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm

from .query_params import DATETIME_INPUT_FORMATS
from .slugs import VietnameseSlugField, VietnameseSlugInput

#: Wagtail hook: ``fn(page) -> [(field name | None, message)]`` run when an editor submits,
#: approves or publishes from the page editor.
PUBLISH_CHECK_HOOK = "portal_page_publish_checks"

#: POST keys of the page editor's actions that make content public or start moderation.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class PortalPageForm(WagtailAdminPageForm):
    """Slugs folded to ASCII; classified content refused on publish and on submit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            old = self.fields["slug"]
            self.fields["slug"] = VietnameseSlugField(
                label=old.label,
                required=old.required,
                max_length=old.max_length,
                help_text=old.help_text,
                widget=VietnameseSlugInput(),
            )

    def _post_clean(self):
        # Wagtail builds a new page with live=True (the field default) and sets it to False
        # only after the form is valid; the model's "when live" rules (classification,
        # source) must judge the page as the action will make it: live when publishing or
        # submitting, or when it is live already; a draft otherwise.
        instance = self.instance
        was_live = instance.live
        instance.live = (bool(instance.pk) and was_live) or self.wants_public
        try:
            super()._post_clean()
        finally:
            instance.live = was_live
        if not self.wants_public or self.errors:
            return
        # Apps add their checks (the editorial board's publishing gate) through this hook;
        # each returns (field name or None, message) pairs for the item as submitted.
        for check in hooks.get_hooks(PUBLISH_CHECK_HOOK):
            for field_name, message in check(self.instance):
                if field_name not in self.fields:
                    field_name = None
                self.add_error(field_name, message)

    @property
    def wants_public(self) -> bool:
        """Publishing, submitting, resubmitting, or approving a step from the editor."""
        if any(key in self.data for key in PUBLISHING_ACTIONS):
            return True
        return (
            "action-workflow-action" in self.data
            and self.data.get("workflow-action-name") == "approve"
        )

    def clean(self):
        cleaned = super().clean()
        classification = cleaned.get("classification")
        if classification and classification != "thuong" and self.wants_public:
            self.add_error(
                "classification",
                _(
                    "Content classified above “Normal” may not be published or submitted for "
                    "publishing (R-SECRET-1)."
                ),
            )
        return cleaned


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
