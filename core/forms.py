"""Admin form for every page of the platform."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .slugs import VietnameseSlugField, VietnameseSlugInput

#: POST keys of the page editor's actions that make content public or start moderation.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


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

    def clean(self):
        cleaned = super().clean()
        classification = cleaned.get("classification")
        wants_public = any(key in self.data for key in PUBLISHING_ACTIONS)
        if classification and classification != "thuong" and wants_public:
            self.add_error(
                "classification",
                _(
                    "Content classified above “Normal” may not be published or submitted for "
                    "publishing (R-SECRET-1)."
                ),
            )
        return cleaned
