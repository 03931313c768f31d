"""load_demo builds the Như Xuân portal and is idempotent (issue 2)."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from congthongtin.core.models import Official, PortalSettings, Unit
from congthongtin.home.models import LeaderProfile
from congthongtin.nhuxuan_site.management.commands.load_demo import DEMO_ACCOUNTS

COUNTED = (Page, Unit, Official, LeaderProfile, get_image_model())


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first_output = StringIO()
        call_command("load_demo", stdout=cls.first_output)
        cls.counts = {model: model.objects.count() for model in COUNTED}

    def test_first_run__portal_identity_from_seed_s0(self):
        settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
        self.assertEqual(settings.web_address, "http://nhuxuan.thanhhoa.gov.vn")
        self.assertEqual(settings.email, "nhuxuan@thanhhoa.gov.vn")
        self.assertEqual(settings.parent_portal_url, "https://thanhhoa.gov.vn")
        self.assertIn("Như Xuân", settings.name)

    def test_first_run__directory_size(self):
        self.assertGreaterEqual(Unit.objects.count(), 6)
        self.assertGreaterEqual(Official.objects.count(), 15)

    def test_first_run__accounts_with_one_time_passwords_printed(self):
        output = self.first_output.getvalue()
        users = get_user_model().objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS])
        self.assertEqual(users.count(), 7)
        for user in users:
            line = next(
                line for line in output.splitlines() if line.strip().startswith(user.username)
            )
            password = line.split()[-1]
            self.assertGreaterEqual(len(password), 12)
            self.assertTrue(user.check_password(password))
        self.assertEqual(
            get_user_model().objects.get(username="nvan").get_full_name(), "Nguyễn Văn An"
        )

    def test_first_run__accounts_and_roles_in_the_auditors_log_once(self):
        from wagtail.models import ModelLogEntry

        nvan = get_user_model().objects.get(username="nvan")
        entries = ModelLogEntry.objects.filter(object_id=str(nvan.pk))
        self.assertEqual(
            sorted(entries.values_list("action", flat=True)),
            ["editorial.account_created", "editorial.role_granted"],
        )
        self.assertIsNone(entries.first().user_id)  # given by the system, not a person
        call_command("load_demo", stdout=StringIO())
        self.assertEqual(entries.count(), 2)  # a second run grants nothing again

    def test_second_run__no_duplicates_and_passwords_kept(self):
        nvan = get_user_model().objects.get(username="nvan")
        nvan.set_password("mat-khau-rieng-123")
        nvan.save()
        output = StringIO()
        call_command("load_demo", stdout=output)
        self.assertEqual({model: model.objects.count() for model in COUNTED}, self.counts)
        nvan.refresh_from_db()
        self.assertTrue(nvan.check_password("mat-khau-rieng-123"))
        self.assertIn("unchanged", output.getvalue())

    def test_password_option__sets_one_password_for_all(self):
        call_command("load_demo", password="demo-password-1", stdout=StringIO())
        for username, *_ in DEMO_ACCOUNTS:
            self.assertTrue(
                get_user_model().objects.get(username=username).check_password("demo-password-1")
            )

    def test_demo_pages__every_page_renders(self):
        for page in Page.objects.live().filter(depth__gte=2):
            with self.subTest(url=page.url):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "nhuxuan@thanhhoa.gov.vn")


class DemoSearchTests(TestCase):
    """Issue 9: on the demo data, citizens' unaccented queries find the intended page."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def test_citizen_queries__intended_item_in_top_three(self):
        from congthongtin.search import query as search

        site = Site.objects.get(is_default_site=True)
        expected = {
            "dang ky ket hon": "Đăng ký kết hôn",
            "giay phep xay dung": "giấy phép xây dựng",
            "nghi dinh 42/2022": "Nghị định 42/2022/NĐ-CP",
            "42/2022/ND-CP": "Nghị định 42/2022/NĐ-CP",
            "dat dai": "quyền sử dụng đất",
            "hoa giai": "hòa giải",
            "thu tuc 1.001193": "Đăng ký khai sinh",  # a procedure code among other words
        }
        for query, wanted in expected.items():
            with self.subTest(query=query):
                top = search.run(query, site, search.Filters()).hits[:3]
                labels = [f"{h.document.heading} {h.document.title}" for h in top]
                self.assertTrue(any(wanted in label for label in labels), labels)
