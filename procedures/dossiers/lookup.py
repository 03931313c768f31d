"""The answer of the dossier look-up page to ``?ma=CODE``."""

from __future__ import annotations

import re

from django import forms
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congthongtin.core import antispam
from congthongtin.core.bodies import site_id_of_page

from ..models import DossierStatus
from .adapters import CODE_MAX_LENGTH, CODE_RE, normalise_code
from .importing import last_accepted

RATE_SCOPE = "dossier_lookup"
#: What people type around a code: spaces, copied punctuation. Only the code's own
#: characters are checked after trimming.
TYPED_RE = re.compile(r"^[A-Za-z0-9.\-_/ ]*$")


class DossierLookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Dossier code"),
        max_length=CODE_MAX_LENGTH + 10,
        help_text=_("The code on your receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả)."),
        error_messages={
            "required": _("Type the dossier code printed on your receipt."),
            "max_length": _("A dossier code has at most %(limit_value)d characters."),
        },
    )

    def clean_ma(self):
        typed = self.cleaned_data["ma"]
        code = normalise_code(typed)
        if not TYPED_RE.match(typed) or not CODE_RE.match(code):
            raise forms.ValidationError(
                _(
                    "A dossier code is made of letters, digits, dots, hyphens and slashes, "
                    "as printed on your receipt."
                ),
                code="charset",
            )
        return code


def lookup_response(page, request) -> TemplateResponse:
    """Rate limit first (an address trying codes one after another is stopped before any
    query), then the form, then one query for the row and one for the last import."""
    context = page.get_context(request)
    if antispam.check_rate_limit(request, RATE_SCOPE):
        context.update(form=DossierLookupForm(), outcome="rate-limited")
        return TemplateResponse(request, page.get_template(request), context, status=429)
    form = DossierLookupForm(request.GET)
    context["form"] = form
    if not form.is_valid():
        context["outcome"] = "invalid"
        return TemplateResponse(request, page.get_template(request), context)
    site_id = site_id_of_page(page)
    code = form.cleaned_data["ma"]
    dossier = DossierStatus.objects.filter(site_id=site_id, code=code).first()
    last_import = last_accepted(site_id)
    context.update(
        code=code,
        dossier=dossier,
        last_import=last_import,
        stale=last_import is None or last_import.is_stale(timezone.now()),
        outcome="found" if dossier else "unknown",
    )
    return TemplateResponse(request, page.get_template(request), context)
