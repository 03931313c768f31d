"""The budget disclosures as open data (S0 Đ18.2; Decree 47/2020/NĐ-CP): one row per live,
public disclosure of a site, with the address of its document."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from congthongtin.core import sitecache
from congthongtin.core.opendata import Column, Dataset, full_urls


def disclosure_rows(site):
    from .models import BudgetDisclosurePage

    pages = (
        sitecache.public(BudgetDisclosurePage.objects.live().in_site(site))
        .select_related("document")
        .order_by("-fiscal_year", "kind", "-published_on", "pk")
    )
    root = site.root_url
    url_of = full_urls()
    for page in pages:
        yield {
            "fiscal_year": page.fiscal_year,
            "kind": page.kind,
            "period": page.period,
            "title": page.title,
            "decision_number": page.decision_number,
            "decision_date": page.decision_date,
            "form_code": page.form_code,
            "published_on": page.published_on,
            "summary": page.summary,
            "document_url": root + page.document.url if page.document_id else "",
            "url": url_of(page),
        }


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="cong-khai-ngan-sach",
            title=_("Budget disclosures"),
            description=_(
                "Public disclosures of the budget: estimates, execution by period and final "
                "accounts, by fiscal year, with the decision, the form and the document."
            ),
            columns=(
                Column("fiscal_year", _("Fiscal year"), "integer"),
                Column("kind", _("Kind")),
                Column("period", _("Period")),
                Column("title", _("Title")),
                Column("decision_number", _("Decision or report number")),
                Column("decision_date", _("Decision date"), "date"),
                Column("form_code", _("Disclosure form")),
                Column("published_on", _("Disclosed on"), "date"),
                Column("summary", _("Summary")),
                Column("document_url", _("Document"), "url"),
                Column("url", _("Address"), "url"),
            ),
            rows=disclosure_rows,
            stale_on=("budget.BudgetDisclosurePage",),
        )
    ]
