"""Every JSON-LD document the public pages emit is valid schema.org (issue 23 item 3):
each property defined for its type or an ancestor, each value of an expected type, the
properties the portal promises present (tests/core/schemaorg_vocabulary.py), and
``@context`` https://schema.org. Plus the escaping of the script element and the legal
documents' relations and legal force."""

from __future__ import annotations

import datetime

from django.test import TestCase

from congthongtin.core.models import Agency
from congthongtin.legal.metadata import LEGAL_FORCE
from congthongtin.legal.models import (
    EffectStatus,
    LegalDocumentPage,
    LegalDocumentRelation,
    RelationType,
)
from congthongtin.news.models import NewsPage
from tests.shared_demo import DemoTestCase

from . import schemaorg_vocabulary as vocabulary
from .metadata_helpers import (
    LD_SCRIPT,
    json_ld_documents,
    one_live_page_of_each_type,
)


class VocabularyTests(TestCase):
    """The validator itself refuses what it must."""

    def test_unknown_property__refused(self):
        problems = vocabulary.validate({"@type": "Event", "name": "Hội nghị", "headline": "x"})
        self.assertTrue(any("headline is not a property of Event" in p for p in problems))

    def test_wrong_value_type__refused(self):
        node = {
            "@type": "Legislation",
            "name": "Quyết định",
            "url": "https://example.vn/",
            "legislationIdentifier": "1/QĐ-UBND",
            "legislationDate": "02/05/2024",
            "legislationLegalForce": "InForce",
        }
        problems = vocabulary.validate(node)
        self.assertTrue(any("legislationDate" in p for p in problems), problems)
        self.assertTrue(any("legislationLegalForce" in p for p in problems), problems)

    def test_missing_required__refused(self):
        problems = vocabulary.validate({"@type": "NewsArticle", "name": "Tin"})
        self.assertIn("$: NewsArticle lacks headline", problems)

    def test_nested_type_must_fit(self):
        node = {"@type": "FAQPage", "name": "Hỏi đáp", "mainEntity": [{"@type": "Answer"}]}
        self.assertTrue(any("Answer lacks text" in p for p in vocabulary.validate(node)))
        node = {"@type": "Event", "name": "E", "organizer": {"@type": "Place", "name": "P"}}
        self.assertTrue(any("'Place' where" in p for p in vocabulary.validate(node)))

    def test_inherited_properties__accepted(self):
        # datePublished from CreativeWork, name from Thing, serviceUrl on ServiceChannel.
        node = {
            "@type": "NewsArticle",
            "headline": "Tin",
            "name": "Tin",
            "datePublished": "2026-01-02T08:00:00+07:00",
            "author": {"@type": "Person", "name": "A"},
            "publisher": {"@type": "GovernmentOrganization", "name": "B", "url": "https://b.vn/"},
            "inLanguage": "vi",
        }
        self.assertEqual(vocabulary.validate(node), [])


class DemoJsonLdTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = one_live_page_of_each_type()

    def documents_of(self, page) -> list[dict]:
        response = self.client.get(page.get_url())
        self.assertEqual(response.status_code, 200)
        return json_ld_documents(response.content.decode())

    def test_every_document__valid_schema_org(self):
        seen = set()
        pages = list(self.pages.values())
        # Several of each JSON-LD-bearing type, with their different data.
        for model in (LegalDocumentPage, NewsPage):
            pages += list(model.objects.live().order_by("path")[:5])
        for page in pages:
            for document in self.documents_of(page):
                with self.subTest(url=page.get_url(), type=document.get("@type")):
                    self.assertEqual(document["@context"], "https://schema.org")
                    self.assertEqual(vocabulary.validate(document), [])
                    seen.add(document["@type"])
        self.assertLessEqual(
            {
                "GovernmentOrganization",
                "NewsArticle",
                "Legislation",
                "GovernmentService",
                "Event",
                "FAQPage",
            },
            seen,
        )

    def test_home_page__the_body_from_the_settings(self):
        from congthongtin.core.models import PortalSettings

        home = self.pages["portal_home.HomePage"]
        portal = PortalSettings.for_site(home.get_site())
        (document,) = self.documents_of(home)
        self.assertEqual(document["@type"], "GovernmentOrganization")
        self.assertEqual(document["name"], portal.managing_body or portal.name)
        self.assertTrue(document["url"].endswith("/"))
        for key, value in (
            ("telephone", portal.phone),
            ("email", portal.email),
        ):
            if value:
                self.assertEqual(document[key], value)
        if portal.address:
            self.assertEqual(document["address"]["streetAddress"], portal.address)

    def test_procedure_online__service_url(self):
        from congthongtin.procedures.models import ProcedurePage

        online = [p for p in ProcedurePage.objects.live() if p.online_service_url()]
        self.assertTrue(online, "the demo has an online procedure")
        (document,) = self.documents_of(online[0])
        self.assertEqual(document["availableChannel"]["serviceUrl"], online[0].online_service_url())


class LegislationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from ..legal.factories import add_document, make_library

        library = make_library()
        issuer = Agency.objects.create(name="Ủy ban nhân dân tỉnh Thanh Hóa")
        cls.old = add_document(
            library,
            title="Quyết định cũ",
            number_symbol="10/2020/QĐ-UBND",
            issue_date=datetime.date(2020, 1, 2),
            issuing_body=issuer,
        )
        cls.amended = add_document(library, title="Quyết định được sửa", number_symbol="11/QĐ-UBND")
        cls.new = add_document(
            library,
            title="Quyết định mới",
            number_symbol="20/2024/QĐ-UBND",
            issue_date=datetime.date(2024, 5, 2),
            issuing_body=issuer,
            signer="Nguyễn Văn A",
        )
        LegalDocumentRelation.objects.create(
            page=cls.new, target=cls.old, relation_type=RelationType.REPEALS
        )
        LegalDocumentRelation.objects.create(
            page=cls.new, target=cls.amended, relation_type=RelationType.AMENDS
        )

    def document(self, page):
        response = self.client.get(page.url)
        (document,) = json_ld_documents(response.content.decode())
        self.assertEqual(vocabulary.validate(document), [])
        return document

    def test_relations__typed_properties_only_where_they_exist(self):
        document = self.document(self.new)
        self.assertEqual(document["legislationIdentifier"], "20/2024/QĐ-UBND")
        self.assertEqual(document["legislationDate"], "2024-05-02")
        self.assertEqual(document["legislationPassedBy"]["name"], "Ủy ban nhân dân tỉnh Thanh Hóa")
        self.assertEqual(
            [item["legislationIdentifier"] for item in document["legislationRepeals"]],
            ["10/2020/QĐ-UBND"],
        )
        self.assertEqual(
            [item["name"] for item in document["legislationAmends"]],
            [self.amended.display_name],
        )
        self.assertNotIn("legislationChanges", document)
        self.assertNotIn("legislationConsolidates", document)
        self.assertNotIn("legislationRepeals", self.document(self.old))

    def test_legal_force__from_the_effect_status(self):
        for status, expected in [
            (EffectStatus.IN_FORCE, "https://schema.org/InForce"),
            (EffectStatus.PARTLY_EXPIRED, "https://schema.org/PartiallyInForce"),
            (EffectStatus.EXPIRED, "https://schema.org/NotInForce"),
        ]:
            LegalDocumentPage.objects.filter(pk=self.amended.pk).update(effect_status=status)
            with self.subTest(status=status):
                self.assertEqual(self.document(self.amended)["legislationLegalForce"], expected)
        self.assertNotIn(EffectStatus.NOT_YET, LEGAL_FORCE)


class ScriptEscapingTests(TestCase):
    def test_title_with_closing_script__stays_inside_the_json(self):
        from ..legal.factories import add_document, make_library

        title = 'Quyết định </script><script>alert("x")</script> & <b>'
        page = add_document(make_library(), title=title, number_symbol="5/QĐ-UBND")
        html = self.client.get(page.url).content.decode()
        (script,) = LD_SCRIPT.findall(html)
        self.assertNotIn("<", script)
        self.assertNotIn(">", script)
        (document,) = json_ld_documents(html)
        self.assertEqual(document["name"], title)
        # Escaped everywhere else too: no script element comes from the title.
        self.assertNotIn('<script>alert("x")', html)
