"""Content up to a parent portal on another install (S0 Đ4.2d; editorial.upward_feed).

The source's signed feed is served by the test server and read by ``pull_upward_feed``
through Django's test client (the "other install" is another body of the same database,
which reaches it only through the feed). A wrong signature, an expired timestamp and a
replay are refused; the same proposal is never imported twice; accepting works as on one
install."""

from __future__ import annotations

import json
import time
from io import StringIO
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from congthongtin.core import bodies_actions
from congthongtin.core.bodies import body_of
from congthongtin.editorial import upward_feed
from congthongtin.editorial.models import UpwardFeedReceipt, UpwardProposal, UpwardState
from congthongtin.editorial.models.inbox import ContributionChannel
from congthongtin.news.models import NewsPage

from .test_upward import TITLE, UpwardTestCase, User

KEY = "tinh-thanhhoa"
SECRET = "s" * 48
FEED_URL = f"http://xuanbinh.example.vn/api/de-xuat/{KEY}.json"


@override_settings(CONGTHONGTIN_UPWARD_SECRETS={KEY: SECRET})
class FeedTests(UpwardTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        superuser = User.objects.get(username="quantri")
        # The commune's parent runs on "another install": only the key is known here.
        bodies_actions.set_parent(superuser, body_of(cls.commune), None, KEY)

    def setUp(self):
        super().setUp()
        self.tamper = None
        self.replay = None

    def fetch(self, url):
        """The feed, served by the test server (and changed in transit when asked)."""
        if self.replay is not None:
            return self.replay
        path = url.split("xuanbinh.example.vn", 1)[1]
        response = self.client.get(path, HTTP_HOST="xuanbinh.example.vn")
        headers = dict(response.items())
        body = response.content
        if self.tamper:
            body = self.tamper(body)
        return response.status_code, headers, body

    def pull(self):
        out = StringIO()
        with mock.patch.object(upward_feed, "fetch", self.fetch):
            call_command(
                "pull_upward_feed", url=FEED_URL, key_id=KEY, body="tinh.example.vn", stdout=out
            )
        return out.getvalue()

    def proposed(self):
        self.propose()
        self.client.logout()
        return UpwardProposal.objects.get(source_site=self.commune)

    def test_feed__signed__imported_into_the_provinces_inbox__accepted__live_with_source(self):
        outgoing = self.proposed()
        self.assertEqual((outgoing.target_key, outgoing.target_site), (KEY, None))
        self.assertIsNone(outgoing.contribution)  # no inbox on this side
        response = self.client.get(f"/api/de-xuat/{KEY}.json", HTTP_HOST="xuanbinh.example.vn")
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertTrue(response[upward_feed.HEADER_SIGNATURE].startswith("sha256="))
        data = json.loads(response.content)
        self.assertEqual(data["items"][0]["title"], TITLE)
        self.assertEqual(data["items"][0]["source_name"], "Xã Xuân Bình")

        output = self.pull()
        self.assertIn("1", output)
        received = UpwardProposal.objects.get(remote_key=KEY)
        self.assertEqual(received.target_site, self.province)
        self.assertEqual(received.source_url, self.item.get_full_url())
        self.assertEqual(received.contribution.channel, ContributionChannel.UPWARD)
        self.assertEqual(received.contribution.site, self.province)
        self.login("tinh_thuongtruc")
        inbox = self.client.get(reverse("editorial:inbox"))
        self.assertContains(inbox, TITLE)

        self.login("tinh_truongban")
        self.client.post(reverse("editorial:upward_accept", args=[received.pk]))
        received.refresh_from_db()
        self.assertEqual(received.state, UpwardState.ACCEPTED)
        copy = NewsPage.objects.get(pk=received.page_id)
        self.assertTrue(copy.live)
        self.assertEqual(copy.get_parent().pk, self.province_news.pk)
        self.assertEqual((copy.origin, copy.source), ("collected", "Xã Xuân Bình"))
        self.assertEqual(copy.source_url, self.item.get_full_url())
        self.assertIn("80 mét", str(copy.body[0].value))  # from the feed's HTML

    def test_same_proposal__not_imported_twice(self):
        self.proposed()
        self.pull()
        with mock.patch.object(upward_feed, "clock", lambda: time.time() + 5):
            self.pull()  # a later feed, listing the same proposal
        self.assertEqual(UpwardProposal.objects.filter(remote_key=KEY).count(), 1)
        self.assertEqual(UpwardFeedReceipt.objects.count(), 2)

    def test_withdrawn_at_the_source__withdrawn_here(self):
        outgoing = self.proposed()
        self.pull()
        self.login("xa_bientap")
        self.client.post(reverse("editorial:upward_withdraw", args=[outgoing.pk]))
        self.client.logout()
        with mock.patch.object(upward_feed, "clock", lambda: time.time() + 5):
            self.pull()
        received = UpwardProposal.objects.get(remote_key=KEY)
        self.assertEqual(received.state, UpwardState.WITHDRAWN)

    def test_wrong_signature__refused(self):
        self.proposed()
        self.tamper = lambda body: body.replace("Xã Xuân Bình".encode(), "Xã Giả Mạo".encode())
        with self.assertRaisesMessage(CommandError, "Chữ ký của luồng đề xuất không đúng"):
            self.pull()
        self.assertFalse(UpwardProposal.objects.filter(remote_key=KEY).exists())

    def test_wrong_secret__refused(self):
        self.proposed()
        with override_settings(CONGTHONGTIN_UPWARD_SECRETS={KEY: "k" * 48}):
            body, headers = upward_feed.signed_feed(KEY)
        self.replay = (200, headers, body)
        with self.assertRaisesMessage(CommandError, "Chữ ký của luồng đề xuất không đúng"):
            self.pull()
        self.assertFalse(UpwardProposal.objects.filter(remote_key=KEY).exists())

    def test_expired_timestamp__refused(self):
        self.proposed()
        old = time.time() - upward_feed.MAX_AGE - 60
        with mock.patch.object(upward_feed, "clock", lambda: old):
            body, headers = upward_feed.signed_feed(KEY)
        self.replay = (200, headers, body)
        with self.assertRaisesMessage(CommandError, "đã quá hạn"):
            self.pull()
        self.assertFalse(UpwardProposal.objects.filter(remote_key=KEY).exists())

    def test_replay__refused(self):
        self.proposed()
        body, headers = upward_feed.signed_feed(KEY)
        self.replay = (200, headers, body)
        self.pull()
        with self.assertRaisesMessage(CommandError, "gửi lại bị từ chối"):
            self.pull()
        self.assertEqual(UpwardProposal.objects.filter(remote_key=KEY).count(), 1)

    def test_unknown_key__404__and_no_secret_on_the_command_line(self):
        response = self.client.get("/api/de-xuat/khong-co.json", HTTP_HOST="xuanbinh.example.vn")
        self.assertEqual(response.status_code, 404)
        with self.assertRaisesMessage(CommandError, "Chưa cấu hình khóa bí mật"):
            call_command("pull_upward_feed", url=FEED_URL, key_id="khong-co", stdout=StringIO())

    @override_settings(CONGTHONGTIN_UPWARD_SECRETS={KEY: "ngan"})
    def test_short_secret__counts_as_none(self):
        self.assertEqual(upward_feed.secret_for(KEY), "")
