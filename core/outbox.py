"""Queue e-mails with the data that causes them; send after commit; retry later.

``queue_email`` writes an ``OutgoingEmail`` inside the caller's transaction and asks for
delivery once that transaction commits: if the submission is rolled back no e-mail goes,
and if the mail server is down the submission is stored and the e-mail stays pending for
``send_pending_emails`` (cron). Sending claims a row with one conditional UPDATE, so the
after-commit delivery and the cron job never send the same e-mail twice.

Any app that writes to people queues here (the citizens' voice, and any other): the queue,
its sending command and its admin screen belong to core, not to one of them (issue 17).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail import hooks

from .bodies import as_site_id
from .conf import app_settings
from .models.outbox import OutgoingEmail

logger = logging.getLogger(__name__)

#: A row left "sending" this long (the process died mid-send) goes back to the queue.
STALE_CLAIM = datetime.timedelta(minutes=15)


def max_attempts() -> int:
    return int(app_settings.PUBLIC_EMAIL_MAX_ATTEMPTS)


def queue_email(
    to: list[str] | str,
    subject: str,
    body: str,
    *,
    purpose: str,
    reference: str = "",
    reply_to: str = "",
    site=None,
    headers: dict[str, str] | None = None,
) -> OutgoingEmail | None:
    """``site``: the body whose portal sends it (its people alone see it in the queue;
    None: only those who see every body's, core.outbox_viewsets). ``headers``: extra
    headers sent with the message (a mailing's ``List-Unsubscribe``: core.subscriptions)."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address.strip() for address in recipients if address and address.strip()]
    if not recipients:
        return None
    email = OutgoingEmail.objects.create(
        site_id=as_site_id(site),
        to="\n".join(recipients),
        reply_to=reply_to,
        subject=" ".join(str(subject).split())[:255],
        body=str(body),
        purpose=purpose,
        reference=reference,
        headers={str(name): str(value) for name, value in (headers or {}).items()},
    )
    transaction.on_commit(lambda: deliver_quietly(email.pk))
    return email


def deliver_quietly(pk: int) -> None:
    """After-commit delivery: a failure is recorded on the row, never raised into the
    request that has already stored the citizen's submission."""
    try:
        deliver(pk)
    except Exception:  # pragma: no cover - deliver records its own failures
        logger.exception("Outgoing e-mail %s could not be handled", pk)


def deliver(pk: int) -> bool:
    """Send one pending e-mail; True when it went."""
    claimed = OutgoingEmail.objects.filter(pk=pk, status=OutgoingEmail.Status.PENDING).update(
        status=OutgoingEmail.Status.SENDING,
        claimed_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return False
    email = OutgoingEmail.objects.get(pk=pk)
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=email.recipients,
        reply_to=[email.reply_to] if email.reply_to else None,
        headers=dict(email.headers or {}) or None,
    )
    try:
        message.send(fail_silently=False)
    except Exception as error:
        status = (
            OutgoingEmail.Status.FAILED
            if email.attempts >= max_attempts()
            else OutgoingEmail.Status.PENDING
        )
        OutgoingEmail.objects.filter(pk=pk).update(
            status=status, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        logger.warning("Outgoing e-mail %s not sent (attempt %s): %s", pk, email.attempts, error)
        return False
    OutgoingEmail.objects.filter(pk=pk).update(
        status=OutgoingEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def send_pending(limit: int | None = None) -> tuple[int, int]:
    """Send what is waiting, oldest first; (sent, not sent)."""
    OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, claimed_at__lt=timezone.now() - STALE_CLAIM
    ).update(status=OutgoingEmail.Status.PENDING)
    pending = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).order_by(
        "created_at", "pk"
    )
    ids = list(
        pending.values_list("pk", flat=True)[:limit]
        if limit
        else pending.values_list("pk", flat=True)
    )
    sent = failed = 0
    for pk in ids:
        if deliver(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed


# Who reads the e-mails ----------------------------------------------------------------------
#: Wagtail hook: ``fn() -> iterable of "app_label.codename"``, the permissions that let a
#: person read the personal data an app's e-mails repeat (an asker's question, a contact
#: message…). An app whose e-mails carry such data registers them.
CONTENT_PERMISSIONS_HOOK = "register_outbox_content_permissions"


def content_permissions() -> set[str]:
    return {perm for fn in hooks.get_hooks(CONTENT_PERMISSIONS_HOOK) for perm in fn()}


def reads_email_content(user) -> bool:
    """Whoever may already read every kind of personal data the e-mails repeat may read the
    e-mails (the board, auditors). The technical administrator, who keeps the queue running,
    sees its delivery only: recipients' domains, state, attempts, error (issue 16, finding 5).
    With no app declaring what its e-mails carry, only a superuser reads them: nothing says
    that the text holds no one's data."""
    if user.is_superuser:
        return user.is_active
    needed = content_permissions()
    return bool(needed) and user.has_perms(needed)
