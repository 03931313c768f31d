"""A stored copy of every e-mail before it is sent (issue 8 §4: a mail failure loses nothing).

Shared by every app that writes to people (core.outbox queues and sends); the admin screen
of the queue is core.outbox_viewsets."""

from __future__ import annotations

import re

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

EMAIL_ADDRESS = re.compile(r"[\w.+'-]+@((?:[\w-]+\.)+[\w-]+)")

#: A long random segment of a link (secrets.token_urlsafe: an asker's tracking page, a
#: subscription confirmation): whoever holds the link acts as the citizen, so the admin
#: never shows it. Slugs are lower case; a token of 20+ characters without a capital is
#: about one in a million.
CAPABILITY_SEGMENT = re.compile(r"(https?://\S*?/)(?=[A-Za-z0-9_-]*[A-Z])[A-Za-z0-9_-]{20,}")


class OutgoingEmail(models.Model):
    """An e-mail the portal owes someone: written in the same transaction as the submission
    that causes it, sent after the commit, retried by ``send_pending_emails`` until it
    goes or runs out of attempts (then it stays, marked failed, for a person to act on)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed after every attempt")

    #: The body whose portal owes the e-mail: only that body's people see it in the queue.
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to = models.TextField(_("recipients"), help_text=_("One address per line."))
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message text"))
    purpose = models.CharField(_("kind of e-mail"), max_length=50, db_index=True)
    #: "question:12", "comment:4": what the e-mail is about (purging personal data finds it).
    reference = models.CharField(_("about"), max_length=100, blank=True, db_index=True)
    #: Extra headers of the message ({"List-Unsubscribe": "<https://…>"}): a mailing's
    #: one-click unsubscription (RFC 2369, RFC 8058; core.subscriptions).
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self):
        # Not the subject: it often repeats a citizen's words ("Contact message: …"), and an
        # object's string shows in titles, breadcrumbs and the admin's log to everyone who
        # handles the queue, the technical administrator included.
        return gettext("E-mail no. %(number)s (%(purpose)s)") % {
            "number": self.pk,
            "purpose": self.purpose,
        }

    @property
    def recipient_domains(self) -> str:
        """Where the e-mail goes, without whom: enough to follow a delivery problem."""
        return ", ".join(sorted({address.rpartition("@")[2] for address in self.recipients}))

    @property
    def error_summary(self) -> str:
        """The last error with every e-mail address reduced to its domain."""
        return EMAIL_ADDRESS.sub(r"…@\1", self.last_error)

    @property
    def body_without_links(self) -> str:
        """The text with the citizen's private links cut off."""
        return CAPABILITY_SEGMENT.sub(r"\1…", self.body)

    @property
    def recipients(self) -> list[str]:
        return [line.strip() for line in self.to.splitlines() if line.strip()]
