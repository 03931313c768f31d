"""The protection of every public form (core.antispam; issue 8 §4) on a form of any app:
honeypot, signed check question with its timing, single use, consent, plain text, limits."""

import datetime
import secrets

from django import forms
from django.core.cache import cache
from django.test import RequestFactory, TestCase
from django.utils import timezone

from congthongtin.core.antispam import (
    Challenge,
    PublicFormMixin,
    check_rate_limit,
    clean_text,
    parse_answer,
    read_challenge,
    remember_submission,
)
from tests.helpers import override_app_settings


class SuggestionForm(PublicFormMixin, forms.Form):
    """A public form of some app other than the citizens' voice."""

    name = forms.CharField(max_length=100)
    text = forms.CharField(widget=forms.Textarea)


def solved(seconds_ago=60, **data):
    issued = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    challenge = Challenge(4, 3, "+", issued.timestamp(), secrets.token_hex(8))
    return {
        "name": "Hà Văn Tùng",
        "text": "<b>Đề nghị</b> đăng lịch tiếp công dân.",
        "challenge_token": challenge.token(),
        "challenge_answer": "bảy",
        "consent": "on",
        **data,
    }


class TextTests(TestCase):
    def test_clean_text__strips_html_even_behind_entities(self):
        self.assertEqual(clean_text("<p>Xin <b>chào</b></p>"), "Xin chào")
        self.assertEqual(clean_text("&lt;script&gt;alert(1)&lt;/script&gt;ok"), "alert(1)ok")
        self.assertEqual(clean_text("a\r\nb\x00"), "a\nb")

    def test_answer__digits_or_vietnamese_words(self):
        with self.settings(LANGUAGE_CODE="vi"):
            self.assertEqual(parse_answer(" 7 "), 7)
            self.assertIsNone(parse_answer("bảy mươi"))


class FormTests(TestCase):
    def setUp(self):
        cache.clear()

    def test_solved__accepted_as_plain_text_once(self):
        with self.settings(LANGUAGE_CODE="vi"):
            form = SuggestionForm(solved())
            self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["text"], "Đề nghị đăng lịch tiếp công dân.")
        self.assertEqual(form.claim_challenge(), (True, ""))
        form.record_result("/gop-y/cam-on/")
        again = SuggestionForm(form.data)
        again.is_valid()
        self.assertEqual(again.claim_challenge(), (False, "/gop-y/cam-on/"))

    def test_honeypot_filled__refused(self):
        form = SuggestionForm(solved(extra_note="http://spam.example"))
        self.assertFalse(form.is_valid())
        self.assertEqual(form.non_field_errors().as_data()[0].code, "honeypot")

    def test_too_fast_expired_or_forged__refused_with_a_new_question(self):
        token = solved()["challenge_token"]
        for data in (
            solved(seconds_ago=0),
            solved(seconds_ago=3 * 60 * 60),
            solved(challenge_token=token[:-2] + "xx"),
            solved(challenge_answer="8"),
        ):
            form = SuggestionForm(data)
            self.assertFalse(form.is_valid())
            self.assertTrue(form.challenge_failed())
            form.prepare_retry()
            self.assertIsNotNone(read_challenge(form.data["challenge_token"]))
            self.assertEqual(form.data["challenge_answer"], "")
            self.assertEqual(form.data["name"], "Hà Văn Tùng")  # what was typed stays

    def test_without_consent__refused(self):
        form = SuggestionForm(solved(consent=""))
        self.assertFalse(form.is_valid())
        self.assertIn("consent", form.errors)

    @override_app_settings(PUBLIC_FORM_RATE_LIMITS={"suggestion": {"accepted": (2, 600)}})
    def test_rate_limit__per_scope_and_address(self):
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
        other = RequestFactory().post("/", REMOTE_ADDR="203.0.113.8")
        for _n in range(2):
            self.assertFalse(check_rate_limit(request, "suggestion"))
            remember_submission(request, "suggestion")
        self.assertTrue(check_rate_limit(request, "suggestion"))
        self.assertFalse(check_rate_limit(other, "suggestion"))
        self.assertFalse(check_rate_limit(request, "another-form"))
