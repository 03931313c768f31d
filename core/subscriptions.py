"""What every e-mail subscription of the portal shares (issue 23 §5): opaque tokens, double
opt-in, one-click unsubscription and the headers that let a mail client offer it.

A subscriber (any model with ``token``, ``consent_at``, ``confirmed_at`` and
``unsubscribed_at``: the sections and fields digests of ``congthongtin.subscriptions``, a
consultation's followers) is confirmed by a link sent to the address (nobody subscribes
somebody else) and leaves by a link in every e-mail, in one click, without logging in:

- the body's link opens a page whose button posts (a mail scanner that follows links does
  not unsubscribe anyone);
- ``List-Unsubscribe`` with ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``
  (RFC 2369, RFC 8058) lets the mail client post to the same address itself; that POST
  carries no CSRF token and no cookie, and needs none: the token in the address is the
  capability, and leaving is the only thing it does.

The e-mails go through the stored outbox (``core.outbox.queue_email(..., headers=...)``).
"""

from __future__ import annotations

import datetime
import secrets
import string

from django.utils import timezone

#: The value of the one-click POST's body (RFC 8058 §3.1).
ONE_CLICK_FIELD = "List-Unsubscribe"
ONE_CLICK_VALUE = "One-Click"

#: Unconfirmed subscriptions are kept this many days, then deleted (personal data).
UNCONFIRMED_DAYS = 7


def new_token() -> str:
    """An opaque, unguessable token (256 bits) for a subscriber's links. It always has a
    capital letter, so that the outbox's admin cuts it off the links it shows
    (core.models.outbox.CAPABILITY_SEGMENT)."""
    while True:
        token = secrets.token_urlsafe(32)
        if any(char in string.ascii_uppercase for char in token):
            return token


def list_unsubscribe_headers(url: str, mailto: str = "") -> dict[str, str]:
    """The headers of a mailing: ``url`` (https, the one-click address of this subscriber)
    and, when given, a ``mailto:`` address the portal reads."""
    targets = [f"<{url}>"]
    if mailto:
        targets.append(f"<mailto:{mailto}?subject=unsubscribe>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": f"{ONE_CLICK_FIELD}={ONE_CLICK_VALUE}",
    }


def is_one_click_post(request) -> bool:
    """A mail client's RFC 8058 POST (``List-Unsubscribe=One-Click`` in its body)."""
    return request.method == "POST" and request.POST.get(ONE_CLICK_FIELD) == ONE_CLICK_VALUE


def is_active(subscriber) -> bool:
    return subscriber.confirmed_at is not None and subscriber.unsubscribed_at is None


def renew_consent(subscriber, now=None) -> bool:
    """A new request to subscribe: consent recorded again; a subscriber who had left waits
    for a new confirmation. True when a confirmation e-mail is due (not yet active).
    The caller saves."""
    now = now or timezone.now()
    if is_active(subscriber):
        return False
    if subscriber.unsubscribed_at:
        subscriber.unsubscribed_at = None
        subscriber.confirmed_at = None
    subscriber.consent_at = now
    return True


def confirm(subscriber, now=None) -> bool:
    """The confirmation link was used: True when this confirmed it (saved)."""
    if is_active(subscriber):
        return False
    subscriber.confirmed_at = now or timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return True


def unsubscribe(subscriber, now=None) -> bool:
    """Leave: True when this unsubscribed (saved); leaving twice does nothing more."""
    if subscriber.unsubscribed_at is not None:
        return False
    subscriber.unsubscribed_at = now or timezone.now()
    subscriber.save(update_fields=["unsubscribed_at"])
    return True


def unconfirmed_expired(queryset, now=None):
    """Subscribers who never confirmed within ``UNCONFIRMED_DAYS`` of their consent: to
    delete (nothing was ever sent them but the confirmation)."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=UNCONFIRMED_DAYS)
    return queryset.filter(confirmed_at__isnull=True, consent_at__lt=limit)


# Who reads subscribers' addresses ----------------------------------------------------------
#: The outbox's ``purpose`` of every subscription e-mail starts so: their recipients are
#: subscribers' addresses (core.outbox_viewsets hides them).
PURPOSE_PREFIX = "subscription."


def reads_subscriber_addresses(user) -> bool:
    """Only the technical administrator (and a superuser, who may grant himself that role)
    reads who subscribed; the boards and auditors see counts."""
    from . import roles
    from .bodies import holds

    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or holds(user, roles.TECH_ADMIN)
