"""The bodies one install serves (R-SITE-1): one Wagtail Site each, with its own board.

A ``Body`` says whether a Site is active or the archive of a dissolved unit (Law 72/2025/QH15
abolished the districts and merged communes): an archive is read-only for everyone, shows a
banner naming its successor and redirects the addresses listed in its redirect table.

A ``BoardRole`` ties a Django group to one role of one body's board (``core.roles``): the
groups of body A hold page permissions on A's home page only, A's workflow steps name A's
groups, and every check "does this person hold role R on body B" reads these rows
(``congthongtin.core.bodies``). A person sits on several boards by being in several groups.
Install-wide roles (technical administrator, province-wide auditor) have no Site.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ARCHIVE = "archive", _("Archive")


class Body(models.Model):
    site = models.OneToOneField(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="body"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BodyStatus.choices, default=BodyStatus.ACTIVE
    )
    successor = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_(
            "The body that took over the work of a dissolved unit: its archive links to it "
            "(Law 72/2025/QH15)."
        ),
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    # Content up to the parent portal (S0 Đ4.2d; editorial.upward): the province's portal
    # above a commune's or a unit's. Only a superuser sets these (core.bodies_actions).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent portal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_(
            "The portal of this install (the province's) to which the board proposes its "
            "news items."
        ),
    )
    parent_feed_key = models.CharField(
        _("key of the parent portal on another install"),
        max_length=40,
        blank=True,
        help_text=_(
            "When the parent portal runs on another install: the key id it reads this "
            "install's signed feed of proposals with. The shared secret is set in the "
            "server's environment, never here."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["site__site_name", "site__hostname"]

    def __str__(self):
        return self.site.site_name or self.site.hostname

    @property
    def is_archive(self) -> bool:
        return self.status == BodyStatus.ARCHIVE


class BoardRole(models.Model):
    """The group that holds ``role`` on the board of ``site`` (no site: install-wide)."""

    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="board_role"
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="board_roles",
    )
    role = models.CharField(_("role"), max_length=100)

    class Meta:
        verbose_name = _("board role")
        verbose_name_plural = _("board roles")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "role"],
                condition=models.Q(site__isnull=False),
                name="core_one_group_per_role_and_body",
            ),
            models.UniqueConstraint(
                fields=["role"],
                condition=models.Q(site__isnull=True),
                name="core_one_group_per_install_role",
            ),
        ]

    def __str__(self):
        return self.group.name
