"""E-mail subscriptions (issue 23 §5): who asked to hear of what, what was published, and
which digests went.

- ``Subscription``: one address per body's site, confirmed by a link (double opt-in), left
  by a link in every e-mail; ``SubscriptionTopic``: the sections, fields, agencies and
  document types it follows.
- ``PublishedItem``: a page of a subscription item type (``BasePage.subscription_item``)
  the first time it was published, with its topics (``BasePage.subscription_topics``).
- ``DigestSent``: a digest (or an immediate e-mail) queued for a subscriber; written in the
  same transaction as the e-mail, so that each goes once however often the command runs.
- ``SubscriptionPage``: the public form of a body's portal, with its confirmation,
  unsubscription and "manage my subscription" links.

Addresses are read by the technical administrator only (``admin_views``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, Site

from congthongtin.core import subscriptions as machinery
from congthongtin.core.models.pages import VietnameseSlugMixin


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as it is published")
    DAILY = "daily", _("Once a day (daily digest)")
    WEEKLY = "weekly", _("Once a week (weekly digest)")


class TopicKind(models.TextChoices):
    SECTION = "section", _("Section")
    FIELD = "field", _("Field")
    AGENCY = "agency", _("Issuing agency")
    DOCUMENT_TYPE = "document_type", _("Document type")


class Subscription(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail subscription")
        verbose_name_plural = _("e-mail subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["site", "email"], name="subscriptions_one_per_site")
        ]

    def __str__(self):
        # Not the address: an object's string reaches titles and logs.
        return _("Subscription no. %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = machinery.new_token()
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return machinery.is_active(self)

    def topic_keys(self) -> set[tuple[str, str]]:
        return {(topic.kind, topic.value) for topic in self.topics.all()}


class SubscriptionTopic(models.Model):
    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        related_name="topics",
        verbose_name=_("subscription"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TopicKind.choices)
    value = models.CharField(_("value"), max_length=50)
    label = models.CharField(_("name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("subscribed topic")
        verbose_name_plural = _("subscribed topics")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "kind", "value"], name="subscriptions_topic_once"
            )
        ]
        indexes = [models.Index(fields=["kind", "value"], name="subscriptions_topic_key")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label or self.value}"


class PublishedItem(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="+"
    )
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    url = models.CharField(_("address"), max_length=500)
    published_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("published item")
        verbose_name_plural = _("published items")
        ordering = ["published_at", "pk"]

    def __str__(self):
        return self.title


class PublishedItemTopic(models.Model):
    item = models.ForeignKey(PublishedItem, on_delete=models.CASCADE, related_name="topics")
    kind = models.CharField(_("kind"), max_length=20, choices=TopicKind.choices)
    value = models.CharField(_("value"), max_length=50)
    label = models.CharField(_("name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("topic of a published item")
        verbose_name_plural = _("topics of published items")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "kind", "value"], name="subscriptions_item_topic"
            )
        ]
        indexes = [models.Index(fields=["kind", "value"], name="subscriptions_item_topic_key")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label or self.value}"


class DigestSent(models.Model):
    """A digest of ``[period_start, period_end)`` (daily, weekly) or one item's immediate
    e-mail (``item``), queued once for one subscriber."""

    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        related_name="digests",
        verbose_name=_("subscription"),
    )
    period_start = models.DateTimeField(_("from"))
    period_end = models.DateTimeField(_("until"))
    item = models.ForeignKey(
        PublishedItem,
        verbose_name=_("item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    items = models.PositiveIntegerField(_("items listed"), default=0)
    email = models.ForeignKey(
        "core.OutgoingEmail",
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period_start", "period_end"],
                condition=Q(item__isnull=True),
                name="subscriptions_digest_once",
            ),
            models.UniqueConstraint(
                fields=["subscription", "item"],
                condition=Q(item__isnull=False),
                name="subscriptions_item_once",
            ),
        ]

    def __str__(self):
        return _("Digest no. %(number)s") % {"number": self.pk}


class SubscriptionPage(RoutablePageMixin, VietnameseSlugMixin, Page):
    """ "Đăng ký nhận tin": the form where a visitor subscribes to the body's news by
    e-mail, and the pages its links lead to (confirm, leave, manage). One per body, under
    its home page."""

    #: A form (core.metadata: DC.type, DCMI Type vocabulary).
    dc_type = "InteractiveResource"

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the form: what subscribers receive and how often."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("e-mail subscription page")
        verbose_name_plural = _("e-mail subscription pages")

    @classmethod
    def can_create_at(cls, parent):
        # Only under a body's home page (a Site's root): it subscribes to that body.
        return super().can_create_at(parent) and Site.objects.filter(root_page=parent).exists()

    @path("")
    def form_route(self, request):
        from .views import subscribe

        return subscribe(request, self)

    @path("xac-nhan/<str:token>/", name="confirm")
    def confirm_route(self, request, token):
        from .views import confirm

        return confirm(request, self, token)

    @path("huy/<str:token>/", name="unsubscribe")
    def unsubscribe_route(self, request, token):
        from .views import unsubscribe

        return unsubscribe(request, self, token)

    @path("quan-ly/<str:token>/", name="manage")
    def manage_route(self, request, token):
        from .views import manage

        return manage(request, self, token)

    def link(self, name: str, token: str) -> str:
        """The full address of one of the subscriber's links."""
        return self.full_url + self.reverse_subpage(name, args=[token])
