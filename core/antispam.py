"""Abuse protection shared by every public form of the portal (issue 8 §4).

- A honeypot field people never see; a robot that fills it is refused.
- An offline challenge: a small sum in Vietnamese words ("Năm cộng ba bằng mấy?"). It
  needs no external service (no reCAPTCHA: no citizen's data leaves for a third party),
  it is read aloud by screen readers and typed on any keyboard, unlike image captchas.
  The question travels in an HMAC-signed token with its issue time: it cannot be changed,
  it expires, it cannot be answered faster than a person reads it, and it is used once.
- Per-address rate limits kept in Django's cache (Redis in production, shared by every
  worker): every POST counts towards ``attempts``, every accepted submission towards
  ``accepted``. Settings: ``PUBLIC_FORM_RATE_LIMITS``.
- HTML stripped from every text a citizen sends; Unicode NFC.
- A consent line for personal data (Law 91/2025/QH15) that must be ticked.

``PublicFormMixin`` puts all of it on a Django form; the views call ``check_rate_limit``
before they look at the data and ``remember_submission`` after they store it. It lives in
core so that any app with a public form uses it without depending on the citizens' voice
app (issue 17), where it was first written.
"""

from __future__ import annotations

import contextlib
import html
import re
import secrets
import unicodedata
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congthongtin.core import ratelimit
from congthongtin.core.clients import client_ip
from congthongtin.core.conf import DEFAULTS, app_settings
from congthongtin.vietnam.fold import fold

#: Kept from the module's first home (consultation): a different salt would refuse every
#: challenge already handed out in a form that a citizen is filling in.
SALT = "congthongtin.consultation.antispam.challenge"
HONEYPOT_FIELD = "extra_note"
TOKEN_FIELD = "challenge_token"
ANSWER_FIELD = "challenge_answer"
CONSENT_FIELD = "consent"

#: (limit, window in seconds) per form scope; "default" covers the others.
#: ``accepted``: submissions stored; ``attempts``: every POST, valid or not (stops a robot
#: from guessing the challenge, and a flood of bad requests). "feedback": one click per page
#: and reader, generous, as many readers share one office address. Set per project in
#: ``CONGTHONGTIN["PUBLIC_FORM_RATE_LIMITS"]`` (core.conf, docs/settings.md).
DEFAULT_RATE_LIMITS = DEFAULTS["PUBLIC_FORM_RATE_LIMITS"]

NUMBER_WORDS = [
    _("zero"),
    _("one"),
    _("two"),
    _("three"),
    _("four"),
    _("five"),
    _("six"),
    _("seven"),
    _("eight"),
    _("nine"),
    _("ten"),
]


# Text -----------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Plain text of what a citizen typed: tags removed (also tags hidden behind entities,
    ``&lt;script&gt;``), control characters dropped, line ends normalised, Unicode NFC."""
    text = value or ""
    for _round in range(3):
        stripped = strip_tags(html.unescape(text))
        if stripped == text:
            break
        text = stripped
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text).strip()


# Challenge --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Challenge:
    a: int
    b: int
    op: str  # "+" or "-"
    issued_at: float  # epoch seconds
    nonce: str

    @property
    def answer(self) -> int:
        return self.a + self.b if self.op == "+" else self.a - self.b

    @property
    def question(self) -> str:
        words = {"a": NUMBER_WORDS[self.a], "b": NUMBER_WORDS[self.b]}
        if self.op == "+":
            text = gettext("How much is %(a)s plus %(b)s?") % words
        else:
            text = gettext("How much is %(a)s minus %(b)s?") % words
        return capfirst(text)

    def token(self) -> str:
        return signing.dumps(
            {"a": self.a, "b": self.b, "o": self.op, "t": int(self.issued_at), "n": self.nonce},
            salt=SALT,
        )


def new_challenge(now=None) -> Challenge:
    now = now or timezone.now()
    a = secrets.randbelow(10) + 1
    b = secrets.randbelow(10) + 1
    op = "+" if secrets.randbelow(2) else "-"
    if op == "-" and b > a:
        a, b = b, a
    return Challenge(a, b, op, now.timestamp(), secrets.token_urlsafe(12))


def read_challenge(token: str) -> Challenge | None:
    """The challenge in a token, or None when the token was not made here."""
    try:
        data = signing.loads(token or "", salt=SALT)
        challenge = Challenge(
            int(data["a"]), int(data["b"]), data["o"], float(data["t"]), data["n"]
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if challenge.op not in "+-" or not (0 <= challenge.a <= 10 and 0 <= challenge.b <= 10):
        return None
    return challenge


def parse_answer(value: str) -> int | None:
    """Digits ("8") or the number in words ("tám", "tam")."""
    text = (value or "").strip()
    if re.fullmatch(r"-?\d{1,3}", text):
        return int(text)
    folded = fold(text)
    for number, word in enumerate(NUMBER_WORDS):
        if folded and folded == fold(str(word)):
            return number
    return None


def challenge_key(challenge: Challenge) -> str:
    return f"consultation:challenge:{challenge.nonce}"


# Rate limits ------------------------------------------------------------------------------
def client_address(request) -> str:
    """The client's address as the lockout and the password-reset limit read it
    (``core.clients``): behind a proxy the header ``PUBLIC_FORM_CLIENT_IP_HEADER`` names,
    its last entry (the one the proxy appended), a valid address or nothing."""
    return client_ip(request) or "unknown"


def rate_limits(scope: str) -> dict:
    configured = app_settings.PUBLIC_FORM_RATE_LIMITS
    limits = {**DEFAULT_RATE_LIMITS["default"], **configured.get("default", {})}
    limits.update(DEFAULT_RATE_LIMITS.get(scope, {}))
    limits.update(configured.get(scope, {}))
    return limits


def _key(scope: str, kind: str, request) -> str:
    return f"consultation:rl:{scope}:{kind}:{client_address(request)}"


def _count(key: str, window: int, increment: bool) -> int:
    return ratelimit.hit(key, window) if increment else ratelimit.count(key)


def check_rate_limit(request, scope: str) -> bool:
    """Count this POST; True when the address has gone over a limit of ``scope``."""
    limits = rate_limits(scope)
    attempts_limit, attempts_window = limits["attempts"]
    accepted_limit, accepted_window = limits["accepted"]
    attempts = _count(_key(scope, "attempts", request), attempts_window, increment=True)
    accepted = _count(_key(scope, "accepted", request), accepted_window, increment=False)
    return attempts > attempts_limit or accepted >= accepted_limit


def remember_submission(request, scope: str) -> None:
    _limit, window = rate_limits(scope)["accepted"]
    _count(_key(scope, "accepted", request), window, increment=True)


RATE_LIMITED_MESSAGE = _(
    "Too many submissions have come from your network in the last few minutes. Your text "
    "is kept below: please wait a few minutes and send it again."
)


# The form mixin ---------------------------------------------------------------------------
class HoneypotInput(forms.TextInput):
    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})


class PublicFormMixin:
    """Honeypot, challenge, consent and HTML stripping for a public ``forms.Form``.

    ``consent_text``: the consent line (None: no personal data, no consent box).
    ``plain_text_fields``: names of fields that are NOT stripped (none by default).
    """

    consent_text = _(
        "I agree that the portal processes the personal data I give in this form for "
        "handling it and replying to me, and keeps it no longer than needed for that purpose "
        "(Law on Personal Data Protection No. 91/2025/QH15)."
    )
    unstripped_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"), required=False, widget=HoneypotInput()
        )
        self.fields[TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.fields[ANSWER_FIELD] = forms.CharField(
            label="",
            max_length=20,
            error_messages={"required": _("Answer the check question.")},
            help_text=_("A check that a person is sending this form. Type the number."),
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
        self.fields[ANSWER_FIELD].summary_label = _("Check question")
        if self.consent_text is not None:
            self.fields[CONSENT_FIELD] = forms.BooleanField(
                label=self.consent_text,
                error_messages={
                    "required": _("Tick the box to agree to the processing of your data.")
                },
            )
            self.fields[CONSENT_FIELD].summary_label = _("Consent to the processing of data")
        self.challenge = None
        if self.is_bound:
            self.challenge = read_challenge(self.data.get(TOKEN_FIELD, ""))
        if self.challenge is None:
            self._issue_challenge()
        else:
            self.fields[ANSWER_FIELD].label = self.challenge.question

    # Challenge ---------------------------------------------------------------------------
    def _issue_challenge(self):
        self.challenge = new_challenge()
        token = self.challenge.token()
        self.fields[TOKEN_FIELD].initial = token
        self.fields[ANSWER_FIELD].label = self.challenge.question
        if self.is_bound:
            data = self.data.copy()
            data[TOKEN_FIELD] = token
            data[ANSWER_FIELD] = ""
            self.data = data

    def challenge_failed(self) -> bool:
        return ANSWER_FIELD in self.errors or TOKEN_FIELD in self.errors

    def prepare_retry(self):
        """Before the form is shown again: a new question when the old one failed or
        expired; everything else the person typed stays."""
        if self.challenge_failed():
            self._issue_challenge()

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get(HONEYPOT_FIELD) or "").strip():
            raise forms.ValidationError(
                _("The form could not be sent. Leave the hidden field empty and try again."),
                code="honeypot",
            )
        self._check_challenge(cleaned)
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if (
                isinstance(field, forms.CharField)
                and isinstance(value, str)
                and name not in (TOKEN_FIELD, ANSWER_FIELD, *self.unstripped_fields)
            ):
                cleaned[name] = clean_text(value)
        return cleaned

    def _check_challenge(self, cleaned):
        if ANSWER_FIELD in self.errors:
            return
        challenge = read_challenge(self.data.get(TOKEN_FIELD, ""))
        now = timezone.now().timestamp()
        if challenge is None:
            self.add_error(ANSWER_FIELD, _("The check question was not valid. Answer the new one."))
            return
        max_age = app_settings.PUBLIC_FORM_CHALLENGE_MAX_AGE
        min_seconds = app_settings.PUBLIC_FORM_MIN_SECONDS
        if now - challenge.issued_at > max_age:
            self.add_error(
                ANSWER_FIELD, _("The check question has expired. Answer the new one below.")
            )
        elif now - challenge.issued_at < min_seconds:
            self.add_error(
                ANSWER_FIELD, _("The form was sent too quickly. Check it and send it again.")
            )
        elif parse_answer(cleaned.get(ANSWER_FIELD, "")) != challenge.answer:
            self.add_error(
                ANSWER_FIELD, _("The answer to the check question is not right. Try again.")
            )

    # Single use ---------------------------------------------------------------------------
    def claim_challenge(self) -> tuple[bool, str]:
        """Mark the challenge used. (True, "") the first time; (False, result) when it was
        already used, with the address the first submission led to ("" if unknown)."""
        if self.challenge is None:
            return False, ""
        timeout = app_settings.PUBLIC_FORM_CHALLENGE_MAX_AGE + 60
        key = challenge_key(self.challenge)
        if cache.add(key, "", timeout=timeout):
            return True, ""
        return False, cache.get(key) or ""

    def release_challenge(self) -> None:
        """Forget the claim: the submission was not stored, so sending it again must store
        it rather than be taken for a double click."""
        if self.challenge is not None:
            cache.delete(challenge_key(self.challenge))

    @contextlib.contextmanager
    def storing(self):
        """Around the writes of a claimed submission: if they fail (the database restarts),
        the claim is released and the error goes on to the 500 page, which asks the citizen
        to send again — and that resend is stored."""
        try:
            yield
        except BaseException:
            self.release_challenge()
            raise

    def record_result(self, url: str) -> None:
        """Where the submission led: a double click sends the person there too."""
        if self.challenge is not None:
            timeout = app_settings.PUBLIC_FORM_CHALLENGE_MAX_AGE + 60
            cache.set(challenge_key(self.challenge), url, timeout=timeout)

    # Template helpers ----------------------------------------------------------------------
    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    @property
    def protection_fields(self):
        names = [ANSWER_FIELD]
        if CONSENT_FIELD in self.fields:
            names.append(CONSENT_FIELD)
        return [self[name] for name in names]

    @property
    def visible_content_fields(self):
        hidden = {HONEYPOT_FIELD, TOKEN_FIELD, ANSWER_FIELD, CONSENT_FIELD}
        return [self[name] for name in self.fields if name not in hidden]
