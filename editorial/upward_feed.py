"""Proposals up to a parent portal on another install (S0 Đ4.2d): the signed feed.

The source's install serves, for each parent key id, the proposals its bodies made to that
parent (``core.Body.parent_feed_key``) at ``/api/de-xuat/<key id>.json``. The parent's
install reads it with ``manage.py pull_upward_feed --url URL --key-id ID [--body HOST]``:
the proposals land in its body's inbox as items of channel "upward" and are accepted or
declined there like those of its own install (``editorial.upward``).

Signature: HMAC-SHA256 with the secret both installs share for the key id, over
``"<timestamp>.".encode() + body`` (the body's bytes as sent), in the headers
``X-Upward-Timestamp`` (Unix seconds) and ``X-Upward-Signature`` (``sha256=<hex>``). The
reader refuses a wrong signature, a timestamp older than ``MAX_AGE`` (or more than
``MAX_SKEW`` ahead) and a signature it has already accepted (a replay:
``UpwardFeedReceipt``). The body repeats the key id and the timestamp.

Secrets never live in the repository: ``secret_for`` reads the Django setting
``CONGTHONGTIN_UPWARD_SECRETS`` (a dict key id → secret, which a deployment's settings
fill from the environment) and else the environment variable
``CONGTHONGTIN_UPWARD_SECRET_<KEY ID>`` (upper case, "-" as "_"). A secret shorter than
``MIN_SECRET`` characters counts as none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import time
import urllib.request

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from .models.upward import UpwardFeedReceipt, UpwardProposal, UpwardState

KEY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MIN_SECRET = 32
#: A feed older than this is refused (seconds).
MAX_AGE = 10 * 60
#: Clocks may differ a little: a feed up to this far in the future is read.
MAX_SKEW = 60
#: The most proposals one feed lists (the newest).
MAX_ITEMS = 200
#: The most bytes the reader takes.
MAX_BYTES = 5 * 1024 * 1024
#: The clock both sides read (the tests set it).
clock = time.time
HEADER_TIMESTAMP = "X-Upward-Timestamp"
HEADER_SIGNATURE = "X-Upward-Signature"


class FeedError(Exception):
    """The feed is refused; the message says why (in the reader's language)."""


def secret_for(key_id: str) -> str:
    if not KEY_ID.match(key_id or ""):
        return ""
    configured = getattr(settings, "CONGTHONGTIN_UPWARD_SECRETS", None) or {}
    secret = configured.get(key_id) or os.environ.get(
        "CONGTHONGTIN_UPWARD_SECRET_" + key_id.upper().replace("-", "_"), ""
    )
    return secret if len(secret) >= MIN_SECRET else ""


def sign(body: bytes, timestamp: int, secret: str) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


# The source's side -----------------------------------------------------------------------
def feed_items(key_id: str) -> list[dict]:
    from wagtail.models import Site

    from congthongtin.core.models import PortalSettings

    rows = (
        UpwardProposal.objects.filter(
            target_key=key_id,
            source_site__isnull=False,
            state__in=[UpwardState.PROPOSED, UpwardState.WITHDRAWN],
        )
        .select_related("source_site", "lead_image")
        .order_by("-proposed_at", "-pk")[:MAX_ITEMS]
    )
    addresses: dict[int, str] = {}
    items = []
    for proposal in rows:
        site_id = proposal.source_site_id
        if site_id not in addresses:
            portal = PortalSettings.for_site(Site.objects.get(pk=site_id))
            addresses[site_id] = portal.address or ""
        image_url = ""
        if proposal.lead_image_id:
            image_url = proposal.lead_image.file.url
            if not image_url.startswith(("https://", "http://")):
                image_url = proposal.source_site.root_url + image_url
        items.append(
            {
                "id": str(proposal.pk),
                "version": proposal.source_version,
                "state": proposal.state,
                "title": proposal.title,
                "summary": proposal.summary,
                "body_html": proposal.body_html,
                "author_name": proposal.author_name,
                "lead_image_url": image_url,
                "url": proposal.source_url,
                "source_name": proposal.source_name,
                "source_address": addresses[site_id],
                "source_email": proposal.source_email,
                "proposed_by": proposal.proposer_name,
                "proposed_at": proposal.proposed_at.isoformat(),
                "note": proposal.note,
            }
        )
    return items


def signed_feed(key_id: str, now: int | None = None) -> tuple[bytes, dict[str, str]]:
    """The feed's body and headers for ``key_id``. Raises FeedError when no secret is set
    for it."""
    secret = secret_for(key_id)
    if not secret:
        raise FeedError(gettext("No secret is configured for this key."))
    timestamp = int(clock() if now is None else now)
    body = json.dumps(
        {"key_id": key_id, "timestamp": timestamp, "items": feed_items(key_id)},
        ensure_ascii=False,
        sort_keys=True,
    ).encode()
    headers = {
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_SIGNATURE: "sha256=" + sign(body, timestamp, secret),
    }
    return body, headers


# The parent's side -----------------------------------------------------------------------
def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET ``url``: (status, headers, body), at most ``MAX_BYTES`` read. The tests replace
    it with Django's test client."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read(MAX_BYTES + 1)
        return response.status, dict(response.headers.items()), body


def verify(key_id: str, headers: dict[str, str], body: bytes, now: float | None = None) -> dict:
    """The feed's data, once its signature, age and key id are checked (not yet its
    replay: ``pull`` records it). Raises FeedError."""
    secret = secret_for(key_id)
    if not secret:
        raise FeedError(gettext("No secret is configured for this key."))
    if len(body) > MAX_BYTES:
        raise FeedError(gettext("The feed is too large."))
    lowered = {name.lower(): value for name, value in headers.items()}
    raw_timestamp = lowered.get(HEADER_TIMESTAMP.lower(), "")
    signature = lowered.get(HEADER_SIGNATURE.lower(), "")
    if not raw_timestamp.isdigit() or not signature.startswith("sha256="):
        raise FeedError(gettext("The feed is not signed."))
    timestamp = int(raw_timestamp)
    expected = sign(body, timestamp, secret)
    if not hmac.compare_digest(expected, signature.removeprefix("sha256=")):
        raise FeedError(gettext("The feed's signature is wrong."))
    now = clock() if now is None else now
    if timestamp < now - MAX_AGE or timestamp > now + MAX_SKEW:
        raise FeedError(gettext("The feed's timestamp is out of date: it is refused."))
    try:
        data = json.loads(body)
    except ValueError as error:
        raise FeedError(gettext("The feed is not valid JSON.")) from error
    if (
        not isinstance(data, dict)
        or data.get("key_id") != key_id
        or data.get("timestamp") != timestamp
        or not isinstance(data.get("items"), list)
    ):
        raise FeedError(gettext("The feed does not match its key or its timestamp."))
    return data


REQUIRED = ("id", "title", "url", "source_name")


def pull(url: str, key_id: str, target_site, now: float | None = None) -> list[UpwardProposal]:
    """Read the feed at ``url``, check it, record it against replays, and bring its new
    proposals into ``target_site``'s inbox (the same source version never twice). Raises
    FeedError."""
    status, headers, body = fetch(url)
    if status != 200:
        raise FeedError(gettext("The feed answered with status %(status)s.") % {"status": status})
    data = verify(key_id, headers, body, now=now)
    signature = {k.lower(): v for k, v in headers.items()}[HEADER_SIGNATURE.lower()]
    from . import upward

    digest = signature.removeprefix("sha256=")[:64]
    if UpwardFeedReceipt.objects.filter(signature=digest).exists():
        raise FeedError(gettext("This feed has already been read: a replay is refused."))
    imported = []
    try:
        with transaction.atomic():
            receipt = UpwardFeedReceipt.objects.create(
                key_id=key_id,
                signature=digest,
                signed_at=dt.datetime.fromtimestamp(data["timestamp"], tz=dt.UTC),
                received_at=timezone.now(),
            )
            for item in data["items"]:
                if not isinstance(item, dict) or not all(item.get(k) for k in REQUIRED):
                    continue
                if not str(item["url"]).startswith(("https://", "http://")):
                    continue
                proposal = upward.receive_remote(target_site, key_id, item)
                if proposal is not None:
                    imported.append(proposal)
            receipt.imported = len(imported)
            receipt.save(update_fields=["imported"])
    except IntegrityError as error:
        raise FeedError(gettext("This feed has already been read: a replay is refused.")) from error
    return imported
