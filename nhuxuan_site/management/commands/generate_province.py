"""Generate a whole province on one install, for benchmarks: the province's portal, its
department portals and one portal per commune, each a body (``core.bodies.create_body``:
home page, Site, settings, board, workflow) with its sections, a host name and
``Body.parent`` the province; and N items in all — legal documents, procedures, news and
published questions with their answers — spread over the bodies as Zipf's law says.

Spread: the bodies are ranked (the province 1st, the departments next, the communes last,
each group in an order drawn from ``--seed``); the body of rank r gets a share proportional
to 1 / r^s (``--zipf`` s, default 1.0), rounded by largest remainder so the shares add up
to N. With 187 bodies and s = 1 the province holds 17 % of the items, the 20 departments
46 %, the 166 communes 37 % (from 0.8 % down to 0.09 % each). Each body splits its share
between the kinds by ``MIX`` (a province publishes more legal documents, a commune more
news and procedures).

Reproducible and resumable: the items are written in chunks of ``CHUNK`` per body and kind,
each in its own transaction with its search rows, and each drawn from its own random
generator seeded with (seed, body, kind, chunk). A second run counts what each body already
holds and goes on from the next chunk: an interrupted run resumed gives the corpus one run
would have given, never a duplicate. The pages are written by generate_corpus's machinery
(treebeard rows in bulk, no revision); see that command for what is and is not indexed.

Speed: the search rows of a slice are built from its pages read back once, with the
relations the indexer reads prefetched (one query per relation, not per page), and on
PostgreSQL written by ``COPY``. ``--workers N`` (PostgreSQL): every body is made first, then
N forked processes fill disjoint sets of bodies. Each body's slices are written in the same
order with the same generators, so the corpus is the one a single process writes, but for
the ids the database hands out (and what shows them: a question's code and address).
"""

from __future__ import annotations

import datetime as dt
import queue
import random
import resource
import sys
import time
from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, Site

from congthongtin.consultation.indexing import search_item
from congthongtin.consultation.models import Answer, Question, QuestionIndexPage, QuestionState
from congthongtin.core.bodies import create_body
from congthongtin.core.models import Agency, AgencyLevel, Body
from congthongtin.core.models.settings import AdministrativeLevel
from congthongtin.legal.models import LegalDocumentIndexPage, LegalDocumentPage
from congthongtin.news.models import NewsIndexPage, NewsPage
from congthongtin.nhuxuan_site.demo.content import SECTIONS
from congthongtin.procedures.choices import ProcedureLevel
from congthongtin.procedures.models import ProcedureIndexPage, ProcedurePage
from congthongtin.vietnam.fold import fold, slugify

from .generate_corpus import (
    AUTHOR,
    ISSUERS,
    TreeWriter,
    load_articles,
    lower_first,
    page_search_rows,
    paragraphs,
    search_backends,
    write_search_rows,
)
from .generate_corpus import Command as CorpusCommand

#: Items are written in slices, each in its own transaction: PASSES passes over every body,
#: a slice holding at least MIN_SLICE items.
PASSES = 100
MIN_SLICE = 50
KINDS = ("legal", "procedures", "news", "questions")
#: Share of each kind in a body's items, by kind of body.
MIX = {
    "province": {"legal": 50, "procedures": 8, "news": 32, "questions": 10},
    "department": {"legal": 35, "procedures": 25, "news": 30, "questions": 10},
    "commune": {"legal": 20, "procedures": 25, "news": 40, "questions": 15},
}
DOMAIN = "thanhhoa.local"
PROVINCE = "Tỉnh Thanh Hóa"
#: The departments and bodies of the provincial People's Committee after 1 July 2025.
DEPARTMENTS = [
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Dân tộc và Tôn giáo",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
    "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp",
    "Trung tâm Phục vụ hành chính công tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Quỹ Đầu tư phát triển tỉnh",
    "Ban Quản lý dự án đầu tư xây dựng tỉnh",
]
FIRST = [
    "Xuân",
    "Thọ",
    "Quảng",
    "Hoằng",
    "Nga",
    "Hà",
    "Vĩnh",
    "Yên",
    "Triệu",
    "Đông",
    "Thiệu",
    "Hậu",
    "Nông",
    "Như",
    "Thạch",
    "Cẩm",
    "Ngọc",
    "Lang",
    "Quan",
    "Bá",
    "Thường",
    "Tĩnh",
    "Tân",
    "Minh",
    "Hải",
    "Trung",
    "Phú",
    "Hợp",
    "Đồng",
    "Thiết",
    "Định",
    "Hóa",
    "Lương",
]
SECOND = [
    "Bình",
    "Lộc",
    "Phong",
    "Thịnh",
    "An",
    "Hưng",
    "Lợi",
    "Sơn",
    "Thành",
    "Tiến",
    "Hòa",
    "Long",
    "Châu",
    "Phúc",
    "Giang",
    "Lâm",
    "Xuyên",
    "Thái",
    "Khê",
    "Định",
    "Ninh",
    "Trường",
    "Vinh",
    "Nguyên",
    "Quý",
    "Tâm",
    "Đức",
    "Cường",
    "Phương",
    "Hiền",
]
SURNAMES = [
    "Nguyễn",
    "Lê",
    "Trần",
    "Phạm",
    "Hoàng",
    "Đỗ",
    "Vũ",
    "Bùi",
    "Đặng",
    "Lương",
    "Hà",
    "Mai",
    "Đinh",
    "Trịnh",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Ngọc", "Xuân", "Thanh", "Quang"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Tuấn",
]


@dataclass
class BodySpec:
    rank: int  # 1 = the province
    kind: str  # "province", "department", "commune"
    name: str
    hostname: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def allocate(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights``, rounded by largest remainder."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def commune_names(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct Vietnamese-looking commune and ward names (one in nine a ward)."""
    pairs = [(a, b) for a in FIRST for b in SECOND if a != b]
    if count > len(pairs):
        raise CommandError(f"At most {len(pairs)} communes.")
    chosen = rng.sample(pairs, count)
    # Two names may fold to one host name ("Đông Hòa", "Đồng Hòa"): the later one is drawn
    # again among the names whose host name is free.
    taken: set[str] = set()
    for n, pair in enumerate(chosen):
        while slugify(" ".join(pair)) in taken:
            pair = rng.choice(pairs)
        chosen[n] = pair
        taken.add(slugify(" ".join(pair)))
    return [f"{'Phường' if n % 9 == 8 else 'Xã'} {a} {b}" for n, (a, b) in enumerate(chosen)]


def plan(total: int, departments: int, communes: int, seed: int, zipf: float) -> list[BodySpec]:
    """The bodies, in rank order, with their share of ``total`` items by kind."""
    if departments > len(DEPARTMENTS):
        raise CommandError(f"At most {len(DEPARTMENTS)} departments.")
    rng = random.Random(f"{seed}:plan")
    specs = [BodySpec(1, "province", PROVINCE, f"tinh.{DOMAIN}")]
    chosen = rng.sample(DEPARTMENTS, departments)
    for name in chosen:
        host = slugify(name.replace("Sở ", "Sở-"), max_length=50)
        specs.append(BodySpec(len(specs) + 1, "department", name, f"{host}.{DOMAIN}"))
    for name in commune_names(communes, rng):
        host = slugify(name.split(" ", 1)[1], max_length=50)
        if name.startswith("Phường"):
            host = f"phuong-{host}"
        specs.append(BodySpec(len(specs) + 1, "commune", name, f"{host}.{DOMAIN}"))
    shares = allocate(total, [1 / spec.rank**zipf for spec in specs])
    for spec, share in zip(specs, shares, strict=True):
        mix = MIX[spec.kind]
        spec.counts = dict(zip(KINDS, allocate(share, [mix[k] for k in KINDS]), strict=True))
    return specs


def slices(count: int) -> list[int]:
    """The bounds of the slices one body's items of one kind are written in: at most
    ``PASSES``, of at least ``MIN_SLICE`` items (the last may be smaller)."""
    if count <= 0:
        return [0]
    n = max(1, min(PASSES, -(-count // MIN_SLICE)))
    return [round(j * count / n) for j in range(n + 1)]


def schedule(specs: list[BodySpec]):
    """(start, end, body, kind) of every slice, in the order they are written: pass by
    pass, so that every body grows in step and a run stopped early leaves a smaller copy
    of the same spread. Slice j of n belongs to pass j·PASSES/n."""
    slots = []
    for spec in specs:
        for order, kind in enumerate(KINDS):
            bounds = slices(spec.counts[kind])
            n = len(bounds) - 1
            for j in range(n):
                key = (j * PASSES // n, spec.rank, order)
                slots.append((key, bounds[j], bounds[j + 1], spec, kind))
    slots.sort(key=lambda slot: slot[0])
    for _key, start, end, spec, kind in slots:
        yield start, end, spec, kind


def cpu_time() -> float:
    """CPU seconds of this process and of its finished children (the workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + usage.ru_utime + usage.ru_stime


def initials(name: str) -> str:
    """The symbol of a body's documents: "Sở Y tế" → "SYT"."""
    words = [w for w in name.replace(",", " ").split() if w.lower() not in ("và", "các")]
    return "".join(w[0].upper() for w in words)[:12]


class Command(CorpusCommand):
    help = (
        "Generate a province on one install: the province's, the departments' and the "
        "communes' portals (one body each) and N items spread over them, resumably."
    )
    article_range = (2, 5)

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=1_000_000, help="Items in all.")
        parser.add_argument("--departments", type=int, default=20)
        parser.add_argument("--communes", type=int, default=166)
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--zipf", type=float, default=1.0, help="Exponent of the spread.")
        parser.add_argument(
            "--skip-search-backend",
            action="store_true",
            help="Write the site search rows without handing them to Wagtail's search "
            "backend (PostgreSQL's site search reads its own vectors; run "
            "`manage.py update_index` for autocomplete and the admin search).",
        )
        parser.add_argument(
            "--max-minutes",
            type=float,
            default=0,
            help="Stop after the chunk during which this time ran out (0: no limit).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="Processes filling the bodies in parallel once every body is made "
            "(PostgreSQL only; the corpus is the same as with one).",
        )
        parser.add_argument("--plan", action="store_true", help="Print the plan only.")

    def handle(self, *args, **options):
        if options["items"] < 1:
            raise CommandError("--items must be at least 1.")
        self.seed = options["seed"]
        specs = plan(
            options["items"],
            options["departments"],
            options["communes"],
            options["seed"],
            options["zipf"],
        )
        if options["plan"]:
            for spec in specs:
                self.stdout.write(f"{spec.rank:4} {spec.hostname:45} {spec.total:8} {spec.counts}")
            return
        if not Site.objects.filter(is_default_site=True).exists():
            raise CommandError("No default site: run `manage.py setup_portal` first.")
        backends = [] if options["skip_search_backend"] else search_backends()
        workers = options["workers"]
        if workers > 1 and connection.vendor != "postgresql":
            raise CommandError("--workers needs PostgreSQL (SQLite has one writer at a time).")
        deadline = time.monotonic() + options["max_minutes"] * 60 if options["max_minutes"] else 0
        started, cpu = time.monotonic(), cpu_time()
        self.articles = load_articles()
        self.prepare_taxonomies()
        planned = sum(spec.total for spec in specs)
        self.made = dict.fromkeys(KINDS, 0)
        self.rows = 0
        self.progress_at = 0.0
        self.writers: dict[int, TreeWriter] = {}
        self.shared = None  # in a worker: the items written by every worker (shared)
        self.province = None
        self.done = self.existing_total()
        if workers > 1:
            stopped = self.run_workers(specs, workers, backends, deadline, planned, started)
        else:
            stopped = self.fill(specs, None, {}, backends, deadline, planned, started)
        elapsed = time.monotonic() - started
        cpu = cpu_time() - cpu
        made = sum(self.made.values())
        self.stderr.write("")
        self.stdout.write(
            f"{made} items this run ({', '.join(f'{k}: {v}' for k, v in self.made.items())}), "
            f"{self.rows} search rows, in {elapsed:.1f} s: {made / elapsed:.1f} items/s "
            f"({connection.vendor}"
            + (f", {workers} workers" if workers > 1 else "")
            + f"; CPU of this process{' and its workers' if workers > 1 else ''} {cpu:.1f} s, "
            f"{made / max(cpu, 1e-6):.1f} items per CPU second); {self.done} of {planned} items in "
            f"{len(specs)} bodies"
            + (" — stopped at the time limit, run again to go on." if stopped else ".")
        )

    def fill(self, specs, ranks, bodies, backends, deadline, planned, started) -> bool:
        """Write the slices of the bodies ``ranks`` (None: all) in schedule order; True if
        the time limit stopped it. ``bodies``: rank → ``open_body`` of the bodies opened."""
        # A body is made (or found) just before its first slice: pass 0 runs through every
        # body in rank order, so a run stopped early leaves bodies that all hold items.
        for start, end, spec, kind in schedule(specs):
            if ranks is not None and spec.rank not in ranks:
                continue
            if spec.rank not in bodies:
                bodies[spec.rank] = self.open_body(spec)
            sections, have, state = bodies[spec.rank]
            if have[kind] >= end:
                continue
            start = max(start, have[kind])
            self.__dict__.update(state)
            self.rng = random.Random(f"{self.seed}:{spec.rank}:{kind}:{start}")
            with transaction.atomic():
                self.rows += self.make(kind, sections[kind], end - start, backends)
            have[kind] = end
            self.done += end - start
            self.made[kind] += end - start
            if self.shared is not None:
                with self.shared.get_lock():
                    self.shared.value += end - start
            else:
                self.progress(f"body {spec.rank}/{len(specs)} {spec.hostname}", planned, started)
            if deadline and time.monotonic() > deadline:
                return True
        return False

    # Workers -----------------------------------------------------------------------------
    def run_workers(self, specs, workers, backends, deadline, planned, started) -> bool:
        """Every body made (or found) here first, in rank order, then ``workers`` forked
        processes fill disjoint sets of bodies, each in schedule order. The slices of
        different bodies are independent (own sections, own numbers, own random
        generators), so the corpus is the one a single process writes; only the ids differ
        (the database hands them out as the workers ask)."""
        import multiprocessing

        bodies = {}
        for spec in specs:
            bodies[spec.rank] = self.open_body(spec)
            self.progress_line(f"body {spec.rank}/{len(specs)} {spec.hostname}")
        # Largest first to the least loaded worker: the Zipf spread is uneven.
        loads = [[0, n, set()] for n in range(workers)]
        for spec in sorted(specs, key=lambda spec: (-spec.total, spec.rank)):
            least = min(loads, key=lambda load: (load[0], load[1]))
            least[0] += spec.total
            least[2].add(spec.rank)
        context = multiprocessing.get_context("fork")
        self.shared = context.Value("q", 0)
        results = context.Queue()
        connection.close()  # each worker opens its own connection
        processes = [
            context.Process(
                target=self.worker,
                args=(specs, ranks, bodies, backends, deadline, planned, started, results),
            )
            for _load, _n, ranks in loads
            if ranks
        ]
        for process in processes:
            process.start()
        base = self.done
        outcomes = []
        while len(outcomes) < len(processes):
            try:
                outcomes.append(results.get(timeout=2))
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in processes):
                    break
            self.done = base + self.shared.value
            self.made = {"all": self.shared.value}
            self.progress(f"{len(processes)} workers", planned, started)
        for process in processes:
            process.join()
        failed = [p.exitcode for p in processes if p.exitcode != 0]
        if failed or len(outcomes) < len(processes):
            raise CommandError(f"A worker failed (exit codes {failed}): run again to go on.")
        self.made = dict.fromkeys(KINDS, 0)
        self.done = base
        stopped = False
        for made, rows, halted in outcomes:
            for kind, count in made.items():
                self.made[kind] += count
                self.done += count
            self.rows += rows
            stopped = stopped or halted
        return stopped

    def worker(self, specs, ranks, bodies, backends, deadline, planned, started, results):
        connection.close()
        self.writers = {}
        self.made = dict.fromkeys(KINDS, 0)
        self.rows = 0
        stopped = self.fill(specs, ranks, bodies, backends, deadline, planned, started)
        connection.close()
        results.put((self.made, self.rows, stopped))

    # Progress ----------------------------------------------------------------------------
    def progress(self, where: str, planned: int, started: float) -> None:
        now = time.monotonic()
        if now - self.progress_at < 2 and self.done < planned:
            return
        self.progress_at = now
        made = sum(self.made.values())
        rate = made / max(now - started, 1e-6)
        eta = (planned - self.done) / rate / 60 if rate else 0
        self.progress_line(
            f"[{100 * self.done / planned:5.1f} %] {self.done:,}/{planned:,} items · "
            f"{where} · {rate:,.0f} items/s · "
            f"ETA {eta:,.0f} min"
        )

    def progress_line(self, line: str) -> None:
        if sys.stderr.isatty():
            self.stderr.write("\r" + line, ending="")
        else:
            self.stderr.write(line)

    # Bodies ------------------------------------------------------------------------------
    def open_body(self, spec: BodySpec) -> tuple[dict, dict, dict]:
        """The sections of a body, the items of each kind it holds, its state."""
        body, sections = self.body_for(spec, self.province)
        self.province = self.province or body
        have = {kind: self.existing(kind, sections[kind]) for kind in KINDS}
        return sections, have, self.body_state(spec, sections)

    def body_for(self, spec: BodySpec, province: Body | None) -> tuple[Body, dict[str, Page]]:
        """The body of ``spec`` with its sections, made the way the portal makes a body
        (``core.bodies.create_body``) on the first run."""
        level = {
            "province": AdministrativeLevel.PROVINCE,
            "department": AdministrativeLevel.PROVINCIAL_DEPARTMENT,
            "commune": AdministrativeLevel.COMMUNE,
        }[spec.kind]
        with transaction.atomic():
            site = Site.objects.filter(hostname=spec.hostname, port=80).first()
            if site is None:
                body = create_body(
                    name=spec.name, hostname=spec.hostname, administrative_level=level
                )
                site = body.site
            body = Body.objects.select_related("site__root_page").get(site=site)
            if province is not None and body.parent_id != province.pk:
                body.parent = province
                body.save(update_fields=["parent"])
            home = site.root_page
            titles = {slug: (title, intro) for slug, title, intro in SECTIONS}
            sections = {}
            for kind, model, slug in (
                ("legal", LegalDocumentIndexPage, "van-ban"),
                ("procedures", ProcedureIndexPage, "thu-tuc-hanh-chinh"),
                ("news", NewsIndexPage, "tin-tuc"),
                ("questions", QuestionIndexPage, "hoi-dap"),
            ):
                title, intro = titles.get(slug, ("Hỏi đáp", ""))
                page = home.get_children().filter(slug=slug).first()
                if page is None:
                    # Live without a revision, like the generated pages (the admin makes
                    # the first revision on the first edit): publishing costs 0.4 s a page.
                    page = model(title=title, slug=slug, intro=intro, show_in_menus=True)
                    page.live, page.has_unpublished_changes = True, False
                    home.add_child(instance=page)
                sections[kind] = Page.objects.get(pk=page.pk)
        return body, sections

    def body_state(self, spec: BodySpec, sections: dict[str, Page]) -> dict:
        """Issuers, labels and unique-number spaces of a body: the attributes the makers
        read while they fill it (set on the command before each of its slices)."""
        self.spec = spec
        rng = random.Random(f"{self.seed}:{spec.rank}:people")
        signer = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        local = dict(self.issuers)
        info = {key: (v[3], v[4], v[5]) for key, v in ISSUERS.items()}
        if spec.kind == "department":
            agency = self.agency(f"{spec.name} tỉnh Thanh Hóa", initials(spec.name))
            local["ubnd"] = agency
            info["ubnd"] = (agency.short_name, signer, "Giám đốc")
            labels, levels = (spec.name, "tỉnh"), [ProcedureLevel.PROVINCE]
        elif spec.kind == "commune":
            place = lower_first(spec.name)
            local["ubnd"] = self.agency(f"Ủy ban nhân dân {place}", "UBND")
            local["hdnd"] = self.agency(f"Hội đồng nhân dân {place}", "HĐND")
            info["ubnd"] = ("UBND", signer, "Chủ tịch")
            info["hdnd"] = ("HĐND", signer, "Chủ tịch")
            labels, levels = (spec.name, place), [ProcedureLevel.COMMUNE]
        else:
            labels, levels = (PROVINCE, "tỉnh"), [ProcedureLevel.PROVINCE]
        # Numbers and codes are unique within a body (another body may publish the same).
        numbers = set(
            LegalDocumentPage.objects.child_of(sections["legal"])
            .exclude(number_key="")
            .values_list("number_key", flat=True)
        )
        codes = set(
            ProcedurePage.objects.child_of(sections["procedures"]).values_list("code", flat=True)
        )
        return {
            "spec": spec,
            "signer": signer,
            "local": local,
            "local_info": info,
            "body_label": labels[0],
            "area_label": labels[1],
            "procedure_levels": levels,
            "numbers": numbers,
            "codes": codes,
        }

    def agency(self, name: str, short: str) -> Agency:
        level = AgencyLevel.COMMUNE if self.spec.kind == "commune" else AgencyLevel.PROVINCE
        found = Agency.objects.filter(name=name).first()
        return found or Agency.objects.create(name=name, short_name=short, level=level)

    def issuer(self, key: str):
        return (self.local[key], *self.local_info[key])

    def symbol_suffix(self, key: str) -> str:
        return self.local_info[key][0]

    def tree(self, parent: Page) -> TreeWriter:
        """One writer per section for the whole run: its slugs are read once."""
        if parent.pk not in self.writers:
            self.writers[parent.pk] = TreeWriter(parent)
        return self.writers[parent.pk]

    # Counting what is there ----------------------------------------------------------------
    MODELS = {"legal": LegalDocumentPage, "procedures": ProcedurePage, "news": NewsPage}

    def existing(self, kind: str, section: Page) -> int:
        if kind == "questions":
            return Question.objects.filter(page_id=section.pk).count()
        return self.MODELS[kind].objects.child_of(section).filter(author_name=AUTHOR).count()

    def existing_total(self) -> int:
        hosts = Site.objects.filter(hostname__endswith=f".{DOMAIN}")
        total = 0
        for site in hosts.select_related("root_page"):
            path = site.root_page.path
            for model in self.MODELS.values():
                total += model.objects.filter(path__startswith=path, author_name=AUTHOR).count()
            total += Question.objects.filter(page__path__startswith=path).count()
        return total

    # One chunk -------------------------------------------------------------------------------
    def make(self, kind: str, section: Page, count: int, backends) -> int:
        """``count`` items of ``kind`` in ``section`` with their search rows; rows written."""
        if kind == "questions":
            questions = self.make_questions(section, count)
            return write_search_rows([self.question_row(q) for q in questions], backends)
        maker = {
            "legal": self.make_legal,
            "procedures": self.make_procedures,
            "news": self.make_news,
        }[kind]
        pages = maker(section, count)
        written = 0
        pending: list = []
        for rows in page_search_rows(self.MODELS[kind], [page.pk for page in pages]):
            pending.extend(rows)
        written += write_search_rows(pending, backends)
        return written

    def question_row(self, question: Question):
        from congthongtin.search.indexing import item_document

        return item_document(search_item(question))

    def make_questions(self, section: Page, count: int) -> list[Question]:
        """Answered, published questions with their live answers (written in bulk: no
        history rows, no workflow, no e-mail)."""
        page = QuestionIndexPage.objects.get(pk=section.pk)
        questions, answers = [], []
        for _ in range(count):
            article = self.rng.choice(self.articles)
            topic = lower_first(article.topic.rstrip("."))
            answered = self.when(2021)
            answered_at = timezone.make_aware(
                dt.datetime.combine(answered, dt.time(self.rng.randint(8, 16)))
            )
            received_at = answered_at - dt.timedelta(days=self.rng.randint(1, 10))
            asker = (
                f"{self.rng.choice(SURNAMES)} {self.rng.choice(MIDDLE)} {self.rng.choice(GIVEN)}"
            )
            field_ = self.rng.choice(self.fields)
            question = Question(
                page=page,
                title=f"Hỏi về {topic}"[:255],
                body=(
                    f"Tôi muốn hỏi quy định về {topic} theo {article.code}. "
                    f"Trường hợp của gia đình tôi ở {self.body_label} thì thực hiện thế nào?"
                ),
                field=field_,
                full_name=asker,
                nationality="Việt Nam",
                occupation="Nông dân",
                address=f"{self.body_label}, tỉnh Thanh Hóa",
                email=f"{slugify(asker).replace('-', '.')}@example.com",
                asker_initials=".".join(w[0] for w in asker.split()) + ".",
                public_place=self.body_label,
                received_at=received_at,
                consent_at=received_at,
                accepted_at=received_at,
                state=QuestionState.ANSWERED,
                answered_at=answered_at,
                publish_on_portal=True,
                tracking_token=f"{self.rng.getrandbits(128):032x}",
            )
            lines = paragraphs(article.text)[:4]
            answer_html = "".join(f"<p>{line}</p>" for line in [article.heading, *lines])
            question.search_key = fold(" ".join((question.title, question.body, field_.name)))
            questions.append(question)
            answers.append(
                Answer(
                    body=answer_html,
                    author_name=self.signer,
                    author_position="Trưởng phòng",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=answered_at,
                    last_published_at=answered_at,
                    created_at=answered_at,
                )
            )
        Question.objects.bulk_create(questions, batch_size=500)
        if any(q.pk is None for q in questions):
            ids = dict(
                Question.objects.filter(
                    tracking_token__in=[q.tracking_token for q in questions]
                ).values_list("tracking_token", "pk")
            )
            for q in questions:
                q.pk = q.id = ids[q.tracking_token]
        for question, answer in zip(questions, answers, strict=True):
            question.code = f"{timezone.localtime(question.received_at):%Y}-{question.pk:05d}"
            answer.question = question
        Question.objects.bulk_update(questions, ["code"], batch_size=500)
        Answer.objects.bulk_create(answers, batch_size=500)
        for question, answer in zip(questions, answers, strict=True):
            question.answer = answer
        return questions
