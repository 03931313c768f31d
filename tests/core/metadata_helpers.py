"""Reading the head's metadata back from a response (tests of core.metadata, issue 23)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from django.apps import apps
from wagtail.models import Page, get_page_models

from congthongtin.core.models import PortalSettings


class HeadParser(HTMLParser):
    """<meta property|name=… content=…> pairs (in order) and the JSON-LD scripts' texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key and "content" in attrs:
                self.meta.append((key, attrs["content"]))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data


def read_head(html: str) -> HeadParser:
    parser = HeadParser()
    parser.feed(html)
    return parser


def tags(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in read_head(html).meta:
        found.setdefault(key, []).append(value)
    return found


def json_ld_documents(html: str) -> list[dict]:
    return [json.loads(text) for text in read_head(html).json_ld]


LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

#: Every page type of the platform → what its metadata must say: og:type, DC.type and the
#: schema.org type of its JSON-LD (None: none). A page type added without an entry here
#: fails ``test_every_page_type_has_an_entry``: decide its metadata, then add it.
EXPECTED = {
    "portal_home.HomePage": ("website", "Collection", "GovernmentOrganization"),
    "portal_home.StandardPage": ("website", "Text", None),
    "portal_home.LeadersPage": ("website", "Text", None),
    "portal_home.BoundaryMapPage": ("website", "Text", None),
    "portal_home.DirectoryPage": ("website", "Text", None),
    "portal_home.SitemapPage": ("website", "Text", None),
    "editorial.ContributionPage": ("website", "Text", None),
    "news.NewsIndexPage": ("website", "Collection", None),
    "news.NewsPage": ("article", "Text", "NewsArticle"),
    "news.ArticleIndexPage": ("website", "Collection", None),
    "news.ArticlePage": ("article", "Text", "NewsArticle"),
    "news.NoticeIndexPage": ("website", "Collection", None),
    "news.NoticePage": ("article", "Text", None),
    "news.WeeklySchedulePage": ("website", "Text", None),
    "news.ConferenceIndexPage": ("website", "Collection", None),
    "news.ConferencePage": ("website", "Event", "Event"),
    "news.SocioEconomicIndexPage": ("website", "Collection", None),
    "news.SocioEconomicPage": ("website", "Text", None),
    "news.LinksPage": ("website", "Collection", None),
    "projects.ProjectIndexPage": ("website", "Collection", None),
    "projects.ProjectPage": ("website", "Text", None),
    "legal.LegalDocumentIndexPage": ("website", "Collection", None),
    "legal.LegalDocumentPage": ("website", "Text", "Legislation"),
    "procedures.ProcedureIndexPage": ("website", "Collection", None),
    "procedures.ProcedurePage": ("website", "Service", "GovernmentService"),
    "procedures.DossierLookupPage": ("website", "InteractiveResource", None),
    "consultation.ConsultationIndexPage": ("website", "Text", None),
    "consultation.ConsultationPage": ("website", "Text", None),
    "consultation.QuestionIndexPage": ("website", "InteractiveResource", "FAQPage"),
    # Same class behaviour as the Q&A page: FAQPage once a question is published there.
    "consultation.PetitionIndexPage": ("website", "InteractiveResource", None),
    "consultation.ComplaintIndexPage": ("website", "InteractiveResource", None),
    "consultation.ContactPage": ("website", "Text", None),
    "consultation.ExchangeIndexPage": ("website", "Text", None),
    "consultation.ExchangePage": ("website", "Text", None),
    "budget.BudgetDisclosureIndexPage": ("website", "Collection", None),
    "budget.BudgetDisclosurePage": ("website", "Text", None),
    "opendata.OpenDataPage": ("website", "Dataset", None),
    "subscriptions.SubscriptionPage": ("website", "InteractiveResource", None),
}


def page_type_labels() -> set[str]:
    return {model._meta.label for model in get_page_models() if model is not Page}


def one_live_page_of_each_type() -> dict[str, Page]:
    """label → a live page of exactly that type: the demo's first, else one built here."""
    found = {}
    for label in sorted(page_type_labels()):
        model = apps.get_model(label)
        page = model.objects.live().exact_type(model).order_by("path").first()
        if page is None:
            page = build_page(model)
        found[label] = page
    return found


def build_page(model) -> Page:
    """A live page of a type the demo does not load (the request kinds' pages): under the
    default site's home page."""
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    page = model(title=f"Trang {model._meta.verbose_name}", slug=model._meta.model_name)
    home.add_child(instance=page)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def body_and_site_name(page) -> tuple[str, str]:
    portal = PortalSettings.for_site(page.get_site())
    return (portal.managing_body or portal.name), portal.name
