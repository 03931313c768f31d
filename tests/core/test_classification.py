"""R-SECRET-1: content classified Mật or above can never become live, by any path."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from congthongtin.core.models import Classification
from congthongtin.home.models import StandardPage

SECRET_LEVELS = [Classification.CONFIDENTIAL, Classification.SECRET, Classification.TOP_SECRET]


class ClassificationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Page.objects.get(depth=2)

    def draft(self, classification=Classification.CONFIDENTIAL, **fields):
        page = StandardPage(
            title="Báo cáo nội bộ", live=False, classification=classification, **fields
        )
        self.home.add_child(instance=page)
        return page

    def assert_not_live(self, page):
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertIsNone(page.live_revision_id)

    def test_create_live__each_secret_level__refused(self):
        for level in SECRET_LEVELS:
            with self.subTest(level=str(level)), self.assertRaises(ValidationError):
                self.home.add_child(
                    instance=StandardPage(title=f"Mật {level}", classification=level)
                )
        self.assertFalse(StandardPage.objects.filter(title__startswith="Mật").exists())

    def test_draft__secret__may_be_kept_as_draft(self):
        page = self.draft()
        self.assertTrue(StandardPage.objects.filter(pk=page.pk, live=False).exists())

    def test_publish_revision__secret_draft__refused_and_stays_draft(self):
        page = self.draft()
        revision = page.save_revision()
        with self.assertRaises(ValidationError):
            revision.publish()
        self.assert_not_live(page)

    def test_edit_live_page_to_secret__refused_and_live_version_kept(self):
        page = StandardPage(title="Thông báo công khai")
        self.home.add_child(instance=page)
        page.save_revision().publish()
        page.classification = Classification.SECRET
        with self.assertRaises(ValidationError):
            page.save_revision()  # cleans: a live page cannot be classified
        revision = page.save_revision(clean=False)  # a script that skips cleaning
        with self.assertRaises(ValidationError):
            revision.publish()
        live = StandardPage.objects.get(pk=page.pk)
        self.assertTrue(live.live)
        self.assertEqual(live.classification, Classification.NORMAL)

    def test_save_without_clean__secret_and_live__refused(self):
        page = self.draft()
        page.live = True
        with self.assertRaises(ValidationError):
            page.save(clean=False)
        self.assert_not_live(page)

    def test_full_clean__secret_and_live__error_on_classification(self):
        page = StandardPage(title="x", live=True, classification=Classification.TOP_SECRET)
        with self.assertRaises(ValidationError) as caught:
            page.clean()
        self.assertIn("classification", caught.exception.message_dict)

    def test_copy_keep_live__secret_draft_copied__copy_not_live(self):
        page = self.draft()
        copy = page.copy(to=self.home, update_attrs={"slug": "ban-sao", "title": "Bản sao"})
        self.assertFalse(copy.live)

    def test_schedule__secret_draft__refused_and_publish_scheduled_publishes_nothing(self):
        page = self.draft()
        page.go_live_at = timezone.now() + dt.timedelta(hours=1)
        revision = page.save_revision()
        with self.assertRaises(ValidationError):
            revision.publish()
        self.assertFalse(page.revisions.filter(approved_go_live_at__isnull=False).exists())
        call_command("publish_scheduled", verbosity=0)
        self.assert_not_live(page)

    def test_admin_publish__secret_draft__form_error_and_not_live(self):
        admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x" * 12)
        self.client.force_login(admin)
        page = self.draft()
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = self.client.post(
            url,
            {
                "title": page.title,
                "slug": page.slug,
                "origin": "original",
                "classification": Classification.CONFIDENTIAL,
                "body-count": "0",
                "leaders-TOTAL_FORMS": "0",
                "action-publish": "publish",
            },
        )
        self.assertEqual(response.status_code, 200)  # the form comes back with the error
        self.assertContains(response, "R-SECRET-1")
        self.assert_not_live(page)

    def test_publish__collected_item_without_source__refused(self):
        page = StandardPage(title="Tin sưu tầm", origin="collected", live=False)
        self.home.add_child(instance=page)  # a draft may be incomplete
        with self.assertRaises(ValidationError) as caught:
            page.save_revision().publish()
        self.assertIn("source", caught.exception.message_dict)
        self.assert_not_live(page)
