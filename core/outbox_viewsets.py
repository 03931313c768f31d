"""The e-mail queue in the admin (core.outbox; issue 16, finding 5).

Whoever keeps the queue running (the technical administrator) sees each e-mail's delivery:
the recipients' domains, its state, attempts and error, never to whom, about what or the
text. Only a person who may already read every kind of personal data the e-mails repeat
(``core.outbox.reads_email_content``) reads the e-mails themselves, private links cut off.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic

from . import roles, subscriptions
from .bodies import site_ids_where
from .models import OutgoingEmail
from .outbox import reads_email_content
from .viewsets import NoCreateView, PortalModelViewSet, ScopedPermissionPolicy

#: Who sees a body's e-mails in the queue: its board and auditors (the install-wide roles,
#: the technical administrator who keeps the queue running and the province-wide auditor,
#: see every body's, to the fields below).
QUEUE_ROLES = [*roles.BOARD, roles.AUDITOR, *roles.INSTALL_ROLES]


class OutgoingEmailPermissionPolicy(ScopedPermissionPolicy):
    """A body's e-mails repeat its citizens' data: only that body's people reach them."""

    def scope(self, user, queryset):
        if not (user.is_authenticated and user.is_active):
            return queryset.none()
        site_ids = site_ids_where(user, QUEUE_ROLES)
        return queryset if site_ids is None else queryset.filter(site_id__in=site_ids)


#: What the technical administrator sees of the queue (finding 5): where to (domains), how
#: it went, never to whom, about what or the text.
DELIVERY_FIELDS = [
    "created_at",
    "purpose",
    "recipient_domains",
    "status",
    "attempts",
    "sent_at",
    "error_summary",
]
#: What whoever reads every kind of personal data the e-mails repeat sees (the board and the
#: auditors: core.outbox.reads_email_content).
CONTENT_FIELDS = [
    "created_at",
    "purpose",
    "to",
    "reply_to",
    "subject",
    "body_without_links",
    "status",
    "attempts",
    "sent_at",
    "last_error",
]
EMAIL_LABELS = {
    "recipient_domains": _("Recipients' domains"),
    "error_summary": _("Last error"),
    "body_without_links": _("Message text (private links cut off)"),
}


class OutgoingEmailIndexView(generic.IndexView):
    """Listing, search and CSV/XLSX export show the delivery only to whoever may not read
    the e-mails; the attributes are set before Wagtail builds columns, search or export."""

    def setup(self, request, *args, **kwargs):
        if not reads_email_content(request.user):
            self.list_display = [
                "created_at",
                "purpose",
                Column("recipient_domains", label=EMAIL_LABELS["recipient_domains"]),
                "status",
                "attempts",
                "sent_at",
            ]
            self.list_export = DELIVERY_FIELDS
            # The subject is not searchable either: a search would tell whether some
            # e-mail's subject holds a given name.
            self.search_fields = ["purpose"]
        self.export_headings = {**(getattr(self, "export_headings", None) or {}), **EMAIL_LABELS}
        super().setup(request, *args, **kwargs)


class OutgoingEmailInspectView(generic.InspectView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.fields = self.get_fields()  # again, now that the e-mail is known

    def get_fields(self):
        if not reads_email_content(self.request.user):
            return DELIVERY_FIELDS
        email = getattr(self, "object", None)  # None on the first call, from setup()
        subscriber = email is None or email.purpose.startswith(subscriptions.PURPOSE_PREFIX)
        if subscriber and not subscriptions.reads_subscriber_addresses(self.request.user):
            # A subscriber's address is the technical administrator's alone (issue 23 §5).
            return [
                "recipient_domains" if name == "to" else name
                for name in CONTENT_FIELDS
                if name != "reply_to"
            ]
        return CONTENT_FIELDS

    def get_field_label(self, field_name, field):
        if field_name in EMAIL_LABELS:
            return EMAIL_LABELS[field_name]
        return super().get_field_label(field_name, field)


class DeliveryPanel(Panel):
    """The e-mail on its edit form, to the same rule as the inspect view."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/outgoing_delivery_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["email"] = self.instance
            context["reads_content"] = reads_email_content(self.request.user)
            return context


class OutgoingEmailViewSet(PortalModelViewSet):
    model = OutgoingEmail
    name = "thu-gui-di"
    url_namespace = "core_outgoingemail"
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    add_to_admin_menu = False
    add_view_class = NoCreateView
    index_view_class = OutgoingEmailIndexView
    inspect_view_class = OutgoingEmailInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["created_at", "subject", "purpose", "status", "attempts", "sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["subject"]
    ordering = ["-created_at"]
    list_export = ["created_at", "subject", "purpose", "status", "attempts", "last_error"]
    panels = [
        DeliveryPanel(heading=_("Delivery")),
        FieldPanel(
            "status",
            help_text=_("Set “Waiting to be sent” to try a failed e-mail again."),
        ),
    ]


outgoing_viewset = OutgoingEmailViewSet()
