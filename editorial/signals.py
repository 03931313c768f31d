"""Keep derived state in step: section permissions, lockouts."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.log_actions import log

from .models import SectionAssignment
from .sections import sync_user


@receiver(post_save, sender=SectionAssignment)
@receiver(post_delete, sender=SectionAssignment)
def _assignment_changed(sender, instance, **kwargs):
    sync_user(instance.user)


try:
    from axes.signals import user_locked_out

    @receiver(user_locked_out)
    def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
        """R-ACC-3: every lockout goes into Wagtail's audit log."""
        from django.contrib.auth import get_user_model

        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if user is not None:
            log(
                instance=user,
                action="editorial.account_locked",
                user=None,
                data={"username": username, "ip_address": ip_address},
            )
except ImportError:  # pragma: no cover - django-axes is a dependency
    pass
