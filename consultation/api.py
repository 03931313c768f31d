"""``/api/v2/hoi-dap/``: the published answers of the site's Q&A (R-QA-1), read-only.

Only what the public answer page shows of a question, and less: its reference, subject,
question text, field and dates, the answer's text and the legal documents it cites. Never
the asker (``PERSONAL_FIELDS``, not even the initials and place the page prints), the unit,
the officer or anything of the processing. Only questions and petitions: complaints and
denunciations are settled by decisions, not published answers (docs/requests.md).

The filters are those of the public list (``views.public.question_list``): ``linh_vuc``
(a field's slug; unknown: ignored) and ``q`` (folded keywords).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import expand_db_html

from congthongtin.core import sitecache
from congthongtin.core.api import (
    DATE,
    DATETIME,
    STRING,
    TERM,
    ApiEndpoint,
    ApiField,
    ApiFilter,
    slugs,
    term,
)
from congthongtin.core.listing import keyword_filter
from congthongtin.core.models import Field
from congthongtin.core.query_params import clean_text

from .models import Question, QuestionIndexPage
from .models.questions import RequestKind

#: The kinds whose answers the API publishes.
PUBLISHED_KINDS = (RequestKind.QUESTION, RequestKind.PETITION)

CITATION = {
    "type": "object",
    "properties": {
        "number_symbol": STRING,
        "summary": STRING,
        "issue_date": DATE,
        "issuer": STRING,
        "article": STRING,
        "url": {"type": "string", "nullable": True},
    },
    "required": ["number_symbol", "summary", "issue_date", "issuer", "article", "url"],
}


def _citations(question, request) -> list[dict]:
    found = []
    for citation in question.answer.get_citations():
        page = citation.page
        found.append(
            {
                "number_symbol": citation.number_symbol,
                "summary": str(citation.summary or ""),
                "issue_date": citation.issue_date or None,
                "issuer": citation.issuer,
                "article": citation.article,
                "url": page.get_full_url(request) if page is not None else None,
            }
        )
    return found


class AnswerEndpoint(ApiEndpoint):
    api_name = "hoi-dap"
    model = Question
    summary = _("Published answers to questions")
    ordering = ("-answered_at", "-pk")
    fields = (
        ApiField("code", STRING),
        ApiField("title", STRING),
        ApiField("question", STRING, lambda question, request: question.body),
        ApiField("field", TERM, lambda question, request: term(question.field)),
        ApiField("kind", {"type": "string", "enum": [str(k) for k in PUBLISHED_KINDS]}),
        ApiField("received_at", DATETIME),
        ApiField("answered_at", DATETIME),
        ApiField(
            "answer",
            {**STRING, "description": "HTML"},
            lambda question, request: expand_db_html(question.answer.body or ""),
        ),
        ApiField("citations", {"type": "array", "items": CITATION}, _citations, detail_only=True),
    )
    filters = (
        ApiFilter("q", "Keywords, without accents if you like (folded search)."),
        ApiFilter("linh_vuc", "Field (slug).", choices=slugs(Field)),
    )

    def get_queryset(self):
        from wagtail.models import Site

        site = Site.find_for_request(self.request)
        if site is None:
            return Question.objects.none()
        pages = sitecache.public(
            QuestionIndexPage.objects.live().descendant_of(site.root_page, inclusive=True)
        )
        return (
            Question.objects.published()
            .filter(kind__in=PUBLISHED_KINDS, page__in=pages.values("pk"))
            .select_related("field", "answer")
            .only(
                "pk",
                "code",
                "title",
                "body",
                "kind",
                "received_at",
                "answered_at",
                "field__name",
                "field__slug",
                "answer__id",
                "answer__body",
                "answer__citations",
                "answer__live",
                "page_id",
            )
            .order_by(*self.ordering)
        )

    def index_page(self, page_id):
        """The Q&A page of a question, specific (its route to a question depends on its
        type), once per request."""
        cache = self.__dict__.setdefault("_index_pages", {})
        if page_id not in cache:
            cache[page_id] = QuestionIndexPage.objects.get(pk=page_id).specific
        return cache[page_id]

    def item_meta(self, obj) -> dict:
        index = self.index_page(obj.page_id)
        url = index.get_full_url(self.request)
        return {
            **super().item_meta(obj),
            "html_url": url + index.reverse_subpage("question", args=[obj.pk]) if url else None,
        }

    @classmethod
    def meta_schema(cls) -> dict:
        return {**super().meta_schema(), "html_url": {"type": "string", "nullable": True}}

    def filter_items(self, request, queryset):
        fields = sitecache.cached(sitecache.make_key("fields"), lambda: list(Field.objects.all()))
        slug = request.GET.get("linh_vuc", "")
        field = next((f for f in fields if f.slug == slug), None)
        if field is not None:
            queryset = queryset.filter(field=field)
        return keyword_filter(queryset, clean_text(request.GET.get("q"))), []


def endpoints():
    return [AnswerEndpoint]
