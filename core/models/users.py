"""The platform's user model, set at project start as Django recommends.

Vietnamese names run family – middle – given ("Nguyễn Văn An"); Django's default
``get_full_name`` puts the given name first. ``last_name`` holds the family and middle
names, ``first_name`` the given name.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set for a new account's one-time password (R-ACC-2)."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()

    def get_short_name(self) -> str:
        return self.first_name
