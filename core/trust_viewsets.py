"""The technical administrator's list of trusted root certificates (core.models.trust):
Settings → Trusted root certificates. Registered by core.wagtail_hooks.

Who: the technical administrator (the install-wide role, core.roles.TECH_ADMIN) and
superusers, nobody else — not a body's head of the board: which CA the whole install trusts
is a technical decision for every body at once. The check is the permission policy below,
not group permissions, so no set-up step has to grant it.

A certificate is added by uploading its file (PEM or DER) or pasting its PEM text; it is
read before anything is stored and must be an X.509 CA certificate
(``core.reading.signatures.describe_certificate``): anything else is refused with a
Vietnamese message. Stored signatures are checked again against the new list by
``manage.py verify_signatures`` (run it after a change, or nightly from cron).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.permission_policies import ModelPermissionPolicy

from . import roles
from .bodies import holds
from .models import TrustAnchor
from .viewsets import PortalModelViewSet

#: A root certificate is 1-2 KB; a file much larger is not one.
MAX_UPLOAD_BYTES = 64 * 1024
ACTIONS = ("add", "change", "delete", "view")


def may_manage_trust(user) -> bool:
    """The technical administrator or a superuser (active)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or holds(user, roles.TECH_ADMIN)


class TrustAnchorPermissionPolicy(ModelPermissionPolicy):
    """Every action to the technical administrator and superusers only."""

    def user_has_permission(self, user, action):
        return action in ACTIONS and may_manage_trust(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) & set(ACTIONS):
            return users.none()
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__board_role__role=roles.TECH_ADMIN, groups__board_role__site=None)
        ).distinct()


class TrustAnchorForm(WagtailAdminModelForm):
    upload = forms.FileField(
        label=_("Certificate file"),
        required=False,
        help_text=_("The CA's certificate, PEM (.pem, .crt) or DER (.cer, .der)."),
    )
    pem = forms.CharField(
        label=_("Or paste the certificate (PEM)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_("From “-----BEGIN CERTIFICATE-----” to “-----END CERTIFICATE-----”."),
    )

    def clean(self):
        cleaned = super().clean()
        upload, pem = cleaned.get("upload"), (cleaned.get("pem") or "").strip()
        if upload and pem:
            raise forms.ValidationError(_("Upload a file or paste the text, not both."))
        if not upload and not pem:
            if self.instance.pk is None:
                raise forms.ValidationError(
                    _("Upload the certificate's file or paste its PEM text.")
                )
            return cleaned
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                self.add_error("upload", _("The file is too large to be a certificate."))
                return cleaned
            data = upload.read()
        else:
            data = pem.encode("utf-8", errors="replace")
        facts = self._describe(data)
        if facts is None:
            return cleaned
        duplicate = TrustAnchor.objects.filter(fingerprint=facts["fingerprint"])
        if self.instance.pk is not None:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(
                _("This certificate is already in the list (“%(name)s”).")
                % {"name": duplicate.first().name}
            )
        self.certificate_facts = facts
        return cleaned

    def _describe(self, data: bytes):
        field = "upload" if self.cleaned_data.get("upload") else "pem"
        from .reading.signatures import CertificateError, describe_certificate

        try:
            return describe_certificate(data)
        except CertificateError as error:
            self.add_error(field, str(error))
        except ImportError:
            self.add_error(
                field,
                _(
                    "The server cannot read certificates: the “importers” extra "
                    "(cryptography) is not installed. Tell the technical administrator."
                ),
            )
        return None

    def save(self, commit=True):
        facts = getattr(self, "certificate_facts", None)
        if facts is not None:
            anchor = self.instance
            anchor.certificate = facts["der"]
            anchor.subject = facts["subject"]
            anchor.issuer = facts["issuer"]
            anchor.fingerprint = facts["fingerprint"]
            anchor.serial = facts["serial"]
            anchor.valid_from = facts["valid_from"]
            anchor.valid_to = facts["valid_to"]
        return super().save(commit=commit)


class CertificatePanel(Panel):
    """What the stored certificate is: subject, issuer, fingerprint, validity."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/trust_anchor_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["anchor"] = self.instance
            return context


class TrustAnchorViewSet(PortalModelViewSet):
    model = TrustAnchor
    name = "chung-thu-goc"
    url_namespace = "core_trustanchor"
    icon = "key"
    menu_label = _("Trusted root certificates")
    add_to_settings_menu = True
    menu_order = 900
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["name", "subject", "valid_to", "active"]
    list_filter = ["active"]
    search_fields = ["name", "subject", "fingerprint"]
    ordering = ["name"]
    inspect_view_fields = [
        "name",
        "subject",
        "issuer",
        "fingerprint",
        "serial",
        "valid_from",
        "valid_to",
        "active",
        "note",
        "created_at",
        "updated_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            CertificatePanel(heading=_("Certificate")),
            FieldPanel("upload"),
            FieldPanel("pem"),
            FieldPanel("active"),
            FieldPanel("note"),
        ],
        base_form_class=TrustAnchorForm,
    )


trust_anchor_viewset = TrustAnchorViewSet()
