"""Contact (R-CONTACT-1; S0 Đ8.11, S4 Đ8.9): people send messages to the body."""

from __future__ import annotations

from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from congthongtin.core.blocks import BodyBlock
from congthongtin.core.models import BasePage, PortalSettings

from ..archives import archive_context, refused_on_archive
from .consultation import render_page


class ContactPage(BasePage):
    """The body's address, phone and e-mail (from the portal settings, R-SITE-1) and a
    contact form. Each message is stored first, then e-mailed to the editorial board's
    address of the site it was sent from (``PortalSettings.editorial_email``)."""

    intro = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        *BasePage.provenance_panels,
    ]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def get_context(self, request, *args, **kwargs):
        from ..forms import ContactForm

        context = super().get_context(request, *args, **kwargs)
        context.update(archive_context(self))
        if not context["archived"]:
            context.setdefault("form", ContactForm())
        context["sent"] = request.GET.get("lien_he") == "da-gui"
        return context

    def render_page(self, request, status=200, **overrides):
        return render_page(self, request, status, overrides)

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return refused_on_archive(request, self) or self.serve_message(request)
        return super().serve(request, *args, **kwargs)

    def serve_message(self, request):
        from congthongtin.core import antispam
        from congthongtin.core.outbox import queue_email

        from ..forms import ContactForm

        if antispam.check_rate_limit(request, "contact"):
            form = ContactForm(request.POST)
            form.is_valid()
            form.prepare_retry()
            return self.render_page(
                request, status=429, form=form, rate_limited=antispam.RATE_LIMITED_MESSAGE
            )
        form = ContactForm(request.POST)
        if not form.is_valid():
            form.prepare_retry()
            return self.render_page(request, form=form)
        done_url = self.url + "?lien_he=da-gui#ket-qua-gui"
        first, earlier = form.claim_challenge()
        if not first:
            return HttpResponseRedirect(earlier or done_url)
        data = form.cleaned_data
        site = self.get_site()
        portal = PortalSettings.for_request(request) if site else None
        board_email = (portal.editorial_email or portal.email) if portal else ""
        with form.storing(), transaction.atomic():
            message = ContactMessage.objects.create(
                site=site,
                page=self,
                full_name=data["full_name"],
                email=data["email"],
                phone=data.get("phone", ""),
                subject=data["subject"],
                message=data["message"],
                received_at=timezone.now(),
                consent_at=timezone.now(),
            )
            queue_email(
                [board_email],
                gettext("Contact message: %(subject)s") % {"subject": message.subject},
                message.as_email_body(),
                purpose="contact.message",
                site=site,
                reference=f"contact:{message.pk}",
                reply_to=message.email,
            )
        antispam.remember_submission(request, "contact")
        form.record_result(done_url)
        return HttpResponseRedirect(done_url)


class ContactMessage(models.Model):
    """A message sent through the contact form, kept as it arrived (R-CONTACT-1)."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("portal"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.ForeignKey(
        ContactPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    message = models.TextField(_("message text"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    handled = models.BooleanField(_("handled"), default=False)
    handling_note = models.TextField(_("handling note"), blank=True)
    personal_data_purged_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self):
        return self.subject

    def as_email_body(self) -> str:
        lines = [
            gettext("From: %(name)s <%(email)s>") % {"name": self.full_name, "email": self.email},
        ]
        if self.phone:
            lines.append(gettext("Phone: %(phone)s") % {"phone": self.phone})
        lines += [
            gettext("Received: %(when)s")
            % {"when": timezone.localtime(self.received_at).strftime("%H:%M %d/%m/%Y")},
            gettext("Subject: %(subject)s") % {"subject": self.subject},
            "",
            self.message,
        ]
        return "\n".join(lines)
