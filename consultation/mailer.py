"""Queue e-mails with the data that causes them; send after commit; retry later.

``queue_email`` writes an ``OutgoingEmail`` inside the caller's transaction and asks for
delivery once that transaction commits: if the submission is rolled back no e-mail goes,
and if the mail server is down the submission is stored and the e-mail stays pending for
``send_pending_emails`` (cron). Sending claims a row with one conditional UPDATE, so the
after-commit delivery and the cron job never send the same e-mail twice.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

#: A row left "sending" this long (the process died mid-send) goes back to the queue.
STALE_CLAIM = datetime.timedelta(minutes=15)


def max_attempts() -> int:
    return int(getattr(settings, "PUBLIC_EMAIL_MAX_ATTEMPTS", 10))


def queue_email(
    to: list[str] | str,
    subject: str,
    body: str,
    *,
    purpose: str,
    reference: str = "",
    reply_to: str = "",
) -> OutgoingEmail | None:
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address.strip() for address in recipients if address and address.strip()]
    if not recipients:
        return None
    email = OutgoingEmail.objects.create(
        to="\n".join(recipients),
        reply_to=reply_to,
        subject=" ".join(str(subject).split())[:255],
        body=str(body),
        purpose=purpose,
        reference=reference,
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
