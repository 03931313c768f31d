"""System checks of the core app, and of what the portal apps need from the host project."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Menus, settings, highlights and the list of restricted pages are cached per site and
    dropped on every publish (core.sitecache). With a per-process cache, the other worker
    processes would keep serving them until they expire (up to an hour)."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The default cache is per process: a publish or a new view restriction "
                "reaches the other worker processes only when their cached entries expire.",
                hint="Set REDIS_URL so that every process shares one cache.",
                id="core.W001",
            )
        ]
    return []


@register(Tags.security)
def private_media_outside_public_folders(app_configs, **kwargs):
    """Citizens' attachments (core.private_media) must not sit where the web server publishes
    files: inside MEDIA_ROOT or STATIC_ROOT, nginx's /media/ or /static/ would serve them
    to anyone who learns a name, without the permission check."""
    from congthongtin.core.private_media import private_media_root

    private = private_media_root()
    if private is None:
        return []
    private = private.resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if not public:
            continue
        public = Path(public).resolve()
        if private == public or private.is_relative_to(public) or public.is_relative_to(private):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({public}): citizens' "
                    "files would be published without a permission check.",
                    hint="Give PRIVATE_MEDIA_ROOT a folder of its own, outside MEDIA_ROOT "
                    "and STATIC_ROOT (default: var/private-media).",
                    id="core.E001",
                )
            )
    return errors


# Issue 17: the portal apps are meant to be installed in any Wagtail site. What each one needs
# besides itself is declared here and checked at start-up, so that a host project missing one
# gets an error naming it instead of an ImportError, a missing table or a broken page later.
# Keys and values are app names (AppConfig.name: "search", not its label "portal_search").
# Every entry below was found in today's code: imports, migration dependencies, page types
# named by string, template tag libraries and templates; tests/core/test_prerequisites.py
# fails when an app starts importing, depending on or loading from an app not listed here.
PREREQUISITES: dict[str, list[str]] = {
    "congthongtin.core": [
        "wagtail",  # Page, Site, PageViewRestriction (migrations, core.sitecache)
        "wagtail.admin",  # panels, viewsets and the workflow reports' admin views
        "wagtail.contrib.settings",  # PortalSettings and MaintenanceNotice (BaseSiteSetting)
        "wagtail.contrib.routable_page",  # SectionIndexPage's RSS route (core.models.listing)
        "wagtail.contrib.table_block",  # the table of core.blocks (TableBlock)
        "wagtail.contrib.redirects",  # an archive's redirect table goes first (core.archives)
        "wagtail.documents",  # DocumentChooserBlock in core.blocks
        "wagtail.images",  # ImageChooserBlock, FK to wagtailimages.Image, wagtailimages_tags
        "wagtail.snippets",  # agencies, fields and the other taxonomies are snippets
        "wagtail.search",  # index.Indexed on pages and taxonomies
        "modelcluster",  # core.text walks the child relations of clusterable pages
        "simple_history",  # HistoricalRecords on the directory's units and officials
        "django.contrib.auth",  # migrations depend on auth (permissions, users)
        "django.contrib.contenttypes",  # ContentType in core.routing, workflow reports
        "django.contrib.messages",  # confirmations of the snippet viewsets (core.viewsets)
    ],
    "congthongtin.home": [
        "congthongtin.core",  # base pages, blocks, portal_tags and core/ includes
        "wagtail",  # HomePage, Site, Locale
        "wagtail.admin",  # edit panels, snippet viewsets
        "wagtail.documents",  # FK to wagtaildocs.Document (migrations)
        "wagtail.images",  # FK to wagtailimages.Image, wagtailimages_tags
        "wagtail.snippets",  # units and officials are snippets
        "wagtail.search",  # index.Indexed on the directory
        "modelcluster",  # ParentalKey inlines of the home page
        "django.contrib.contenttypes",  # setup_portal replaces the welcome page by ContentType
    ],
    "congthongtin.editorial": [
        "congthongtin.core",  # core (roles, limits, clients, outbox) and migration dependencies
        "wagtail",  # Page, TaskState, workflow
        "wagtail.admin",  # admin views, wagtailadmin templates and tags, migration dependency
        "wagtail.users",  # editorial.users_app and views.users extend Wagtail's user screens
        "wagtail.documents",  # editorial.gate, role permissions (migrations)
        "wagtail.images",  # editorial.gate, role permissions (migrations)
        "wagtail.contrib.redirects",  # role permissions on redirects (migration dependency)
        "wagtail.contrib.settings",  # BoardSettings: the back-office rules of each body
        "wagtail.contrib.routable_page",  # ContributionPage: form, receipt, look-up routes
        "simple_history",  # HistoricalRecords on assignments and delegations
        "axes",  # lockout audit (axes.signals), accounts screen (AccessAttempt), unlock
        "modelcluster",  # editorial.gate walks the child relations of pages
        "django.contrib.auth",  # groups and permissions of the roles
        "django.contrib.contenttypes",  # permissions by ContentType (gate, audit, migrations)
        "django.contrib.messages",  # confirmations of the accounts and password screens
    ],
    "congthongtin.news": [
        "congthongtin.core",  # base pages, blocks, listing, portal_tags
        "wagtail",
        "wagtail.admin",  # edit panels
        "wagtail.contrib.routable_page",  # core.SectionIndexPage is a RoutablePageMixin
        "wagtail.documents",  # DocumentChooserBlock in news.blocks
        "wagtail.images",  # news images, wagtailimages_tags
        "wagtail.snippets",  # categories are snippets
        "wagtail.search",  # index.Indexed on every page type
        "modelcluster",  # ParentalKey rows of the weekly schedule
        "django.contrib.auth",  # the Word import's owner and --user (news.importing)
        "django.contrib.messages",  # the Word import's confirmation (news.import_views)
    ],
    "congthongtin.projects": [
        "congthongtin.core",  # base pages, blocks, portal_tags, listing includes and CSS
        "wagtail",
        "wagtail.admin",  # edit panels
        "wagtail.contrib.routable_page",  # core.SectionIndexPage is a RoutablePageMixin
        "wagtail.documents",  # FK to wagtaildocs.Document (migrations)
        "wagtail.search",  # index.Indexed on project pages
        "modelcluster",  # ParentalKey rows of a project
    ],
    "congthongtin.legal": [
        "congthongtin.core",  # agencies, fields, base pages, portal_tags
        "wagtail",
        "wagtail.admin",  # the import screens (wagtailadmin templates and tags)
        "wagtail.contrib.routable_page",  # LegalDocumentIndexPage is a RoutablePageMixin
        "wagtail.documents",  # the document's files, the Word/PDF importer
        "wagtail.snippets",  # document types are snippets
        "wagtail.search",  # index.Indexed on documents and taxonomies
        "modelcluster",  # ParentalKey, ParentalManyToManyField, ClusterTaggableManager
        "taggit",  # TaggedItemBase of the documents' tags (migration dependency)
        "django.contrib.auth",  # import permissions
    ],
    "congthongtin.procedures": [
        "congthongtin.core",  # agencies, fields, base pages, portal_tags
        "congthongtin.legal",  # page chooser on legal.LegalDocumentPage (procedures.blocks)
        "wagtail",
        "wagtail.admin",  # edit panels, revision comparison of the steps
        "wagtail.contrib.routable_page",  # ProcedureIndexPage is a RoutablePageMixin
        "wagtail.documents",  # forms attached to procedures (migrations, importer)
        "wagtail.search",  # index.Indexed on procedures
        "modelcluster",  # ParentalKey rows of a procedure
        "django.contrib.auth",  # import_procedures runs as a user
    ],
    # Not editorial, legal or search: the roles' names, the public forms' protection and the
    # e-mail queue are core's; without the legal app a citation is typed (consultation.blocks);
    # published questions reach site search through core.search_items, which the search
    # app listens to when installed; without editorial there is no workflow to put answers in.
    "congthongtin.consultation": [
        "congthongtin.core",  # agencies, fields, limits, clients, roles, antispam, outbox, tags
        "wagtail",
        "wagtail.admin",  # moderation screens (wagtailadmin templates and tags)
        "wagtail.contrib.routable_page",  # question and consultation pages route forms
        "wagtail.contrib.settings",  # each body's Q&A rules (QASettings)
        "wagtail.snippets",  # questions and feedback are snippets with viewsets
        "wagtail.search",  # index.Indexed on consultations
        "simple_history",  # HistoricalRecords on questions
        "django.contrib.auth",  # officers answering, migration dependency
        "django.contrib.contenttypes",  # GenericRelation of answers
        "django.contrib.messages",  # confirmations of the moderation screens
    ],
    "congthongtin.search": [
        "congthongtin.core",  # core.text, core.listing, core.search_items, agencies and fields
        "wagtail",  # Page, publishing signals
        "wagtail.search",  # backends (modelsearch) and wagtailsearch migrations
        "wagtail.contrib.settings",  # SearchSettings: the province-wide search of a body
        "wagtail.admin",  # the citizens' words screen (LexiconEntry's viewset and form)
        "django.contrib.auth",  # who may change a body's citizens' words (its board)
    ],
    "congthongtin.stats": [
        "congthongtin.core",  # core.visitors, core.reports, core.outbox, roles and bodies
        "wagtail",  # Page, Site (the figures' foreign keys)
        "wagtail.admin",  # the report's admin view and menu item
        "wagtail.contrib.settings",  # StatsSettings: counter, EMC id, report recipients
        "django.contrib.contenttypes",  # TrafficDay by page type
        "django.contrib.messages",  # the report's "library not installed" message
    ],
    "congthongtin.budget": [
        "congthongtin.core",  # BasePage, SectionIndexPage, core.opendata, listing includes
        "wagtail",  # Page, publishing
        "wagtail.admin",  # edit panels
        "wagtail.contrib.routable_page",  # the section's RSS route (SectionIndexPage)
        "wagtail.documents",  # the disclosure's signed document
    ],
    "congthongtin.opendata": [
        "congthongtin.core",  # core.opendata (datasets, writers), PortalSettings, sitecache
        "wagtail",  # Page, Site, publishing signals
        "wagtail.admin",  # edit panels
        "wagtail.contrib.settings",  # OpenDataSettings: the body's licence
    ],
    "congthongtin.subscriptions": [
        "congthongtin.core",  # subscriptions, outbox, antispam, roles and bodies, BasePage
        "wagtail",  # Page, Site, the publishing signal
        "wagtail.admin",  # the subscriptions' admin view and menu item
        "wagtail.contrib.routable_page",  # SubscriptionPage routes its confirm/leave links
        "django.contrib.messages",  # the admin's confirmation of a deleted subscription
    ],
}

# The public templates of the apps extend "congthongtin/base.html" (core/templates), which
# extends the host project's "base.html" and puts the apps' blocks into the blocks of a stock
# Wagtail base.html (its comment has the table). Here: the blocks each app's templates fill.
BASE_TEMPLATE = "congthongtin/base.html"
HOST_BASE_TEMPLATE = "base.html"
BASE_TEMPLATE_BLOCKS: dict[str, list[str]] = {
    "congthongtin.home": ["title", "title_suffix", "breadcrumbs", "content"],
    "congthongtin.news": ["extra_head", "content"],
    "congthongtin.projects": ["extra_head", "content"],
    "congthongtin.legal": ["extra_head", "content"],
    "congthongtin.procedures": ["title", "extra_head", "content"],
    "congthongtin.consultation": ["title", "extra_head", "breadcrumbs", "content"],
    # The contributions page "Gửi tin, bài" (editorial/templates/editorial/inbox/).
    "congthongtin.editorial": ["title", "extra_head", "content"],
    "congthongtin.search": ["title", "extra_head", "content"],
    "congthongtin.budget": ["extra_head", "content"],
    "congthongtin.opendata": ["extra_head", "content"],
    "congthongtin.subscriptions": ["title", "extra_head", "content"],
}
#: Blocks the apps only clear (the home page has no breadcrumb trail nor " – site name"): a
#: host base.html without them loses nothing the apps put there, only the breadcrumb trail
#: itself; a warning (portal.W011), not an error.
OPTIONAL_BASE_BLOCKS = ("title_suffix", "breadcrumbs")
#: The block of a stock Wagtail base.html that congthongtin/base.html puts each app block
#: into, when the names differ (for the hints).
HOST_BLOCKS = {"extra_head": "extra_css"}

# Templates of the host project the apps need: only its base.html, under congthongtin/base.html
# (the pager and the listing includes are core's: core/includes/, core/listing/).
HOST_TEMPLATES: dict[str, list[str]] = {app: [HOST_BASE_TEMPLATE] for app in BASE_TEMPLATE_BLOCKS}


def label(app: str) -> str:
    """The short name of a portal app in messages: "legal" for "congthongtin.legal"."""
    return app.rpartition(".")[2]


def missing_prerequisites(installed) -> list[Error]:
    """portal.E010 for each installed portal app that lacks apps it needs. ``installed``: the
    names of the installed apps (AppConfig.name)."""
    installed = set(installed)
    errors = []
    for app, needed in PREREQUISITES.items():
        if app not in installed:
            continue
        missing = [name for name in needed if name not in installed]
        if missing:
            names = ", ".join(f'"{name}"' for name in missing)
            errors.append(
                Error(
                    f"The portal app '{label(app)}' needs {names} in INSTALLED_APPS.",
                    hint=f"Add {names} to INSTALLED_APPS (core.checks.PREREQUISITES says "
                    "what needs each).",
                    id="portal.E010",
                )
            )
    return errors


def template_chain(template) -> list:
    """``template`` and the templates it extends, the template itself first and the root
    last. Takes a loaded template (engine's or backend's); raises TemplateDoesNotExist when
    an ancestor does not exist. A parent named by a variable ends the chain."""
    from django.template import Context
    from django.template.loader_tags import ExtendsNode

    chain = [getattr(template, "template", template)]  # backend wrapper → engine template
    while len(chain) < 20:
        current = chain[-1]
        extends = current.nodelist.get_nodes_by_type(ExtendsNode)
        parent = extends[0].parent_name.resolve(Context()) if extends else None
        if not isinstance(parent, str):
            break
        # Skip the templates already in the chain, as {% extends %} does: a project's
        # base.html may extend an app's base.html of the same name.
        chain.append(current.engine.find_template(parent, skip=[t.origin for t in chain])[0])
    return chain


def rendered_blocks(template) -> set[str]:
    """Names of the blocks whose content reaches the page when ``template`` is rendered: the
    blocks of its root ancestor and, inside them, those of the version of each block that
    wins (the most derived one, and its parent's where it says {{ block.super }}). A block
    that a child defines inside a block its parent never renders does not count."""
    from django.template.base import VariableNode
    from django.template.loader_tags import BlockNode

    chain = template_chain(template)
    versions: dict[str, list] = {}  # block name → its BlockNodes, most derived first
    for current in chain:
        for node in current.nodelist.get_nodes_by_type(BlockNode):
            versions.setdefault(node.name, []).append(node)

    def blocks_in(nodelist):
        for node in nodelist:
            if isinstance(node, BlockNode):
                yield node
                continue
            for attr in getattr(node, "child_nodelists", ()):
                yield from blocks_in(getattr(node, attr, None) or ())

    def says_super(nodelist) -> bool:
        return any(
            str(node.filter_expression.var) == "block.super"
            for node in nodelist.get_nodes_by_type(VariableNode)
        )

    rendered: set[str] = set()

    def visit(nodelist):
        for block in blocks_in(nodelist):
            if block.name in rendered:
                continue
            rendered.add(block.name)
            for version in versions[block.name]:
                visit(version.nodelist)
                if not says_super(version.nodelist):
                    break

    visit(chain[-1].nodelist)
    return rendered


def missing_base_blocks(base_template, installed) -> list[Error | Warning]:
    """For each installed portal app whose templates fill blocks that do not reach the page
    when ``base_template`` (congthongtin/base.html with the host's base.html beneath) is
    rendered: portal.E011 for the blocks that carry content (it would silently not show),
    portal.W011 for those the apps only clear (OPTIONAL_BASE_BLOCKS)."""
    rendered = rendered_blocks(base_template)
    problems = []
    for app, blocks in BASE_TEMPLATE_BLOCKS.items():
        if app not in installed:
            continue
        missing = [name for name in blocks if name not in rendered]
        required = [name for name in missing if name not in OPTIONAL_BASE_BLOCKS]
        optional = [name for name in missing if name in OPTIONAL_BASE_BLOCKS]
        if required:
            tags = " ".join(
                f"{{% block {HOST_BLOCKS.get(name, name)} %}}{{% endblock %}}" for name in required
            )
            problems.append(
                Error(
                    f"The portal app '{label(app)}' fills blocks that do not reach the page "
                    f"with your {HOST_BASE_TEMPLATE}: {', '.join(required)}.",
                    hint=f"Define them in your {HOST_BASE_TEMPLATE} ({tags}; extra_css in its "
                    f"<head>), or override {BASE_TEMPLATE} to place them (see its comment).",
                    id="portal.E011",
                )
            )
        if optional:
            tags = " ".join(f"{{% block {name} %}}{{% endblock %}}" for name in optional)
            problems.append(
                Warning(
                    f"The portal app '{label(app)}' fills blocks that your "
                    f"{HOST_BASE_TEMPLATE} does not define: {', '.join(optional)}. Nothing "
                    "is lost (the app only clears them)"
                    + (
                        "; your pages show no breadcrumb trail."
                        if "breadcrumbs" in optional
                        else "."
                    ),
                    hint=f"To show one, define them in your {HOST_BASE_TEMPLATE}: {tags} "
                    "(the portal's base.html puts its breadcrumb trail in breadcrumbs).",
                    id="portal.W011",
                )
            )
    return problems


def missing_host_templates(installed, get_template) -> list[Error]:
    """portal.E012 for each template of the host project that the installed portal apps need
    (HOST_TEMPLATES: its base.html, which congthongtin/base.html extends) and that does not
    resolve. ``get_template(name)`` raises TemplateDoesNotExist."""
    from django.template import TemplateDoesNotExist

    needed: dict[str, list[str]] = {}
    for app in installed:
        for name in HOST_TEMPLATES.get(app, ()):
            needed.setdefault(name, []).append(app)
    errors = []
    for name, apps_needing in needed.items():
        try:
            if name == HOST_BASE_TEMPLATE:
                # Through congthongtin/base.html: a project overriding it may extend another
                # template than base.html; every template of the chain must exist.
                template_chain(get_template(BASE_TEMPLATE))
            else:
                get_template(name)
        except TemplateDoesNotExist as missing:
            errors.append(
                Error(
                    f"The template '{missing}' does not exist; the portal apps "
                    f"{', '.join(sorted(map(label, apps_needing)))} extend it (through "
                    f"{BASE_TEMPLATE}).",
                    hint=f"Provide templates/{missing} in your project (the one of "
                    "`wagtail start` will do).",
                    id="portal.E012",
                )
            )
    return errors


@register(Tags.compatibility)
def portal_prerequisites(app_configs, **kwargs):
    from django.apps import apps

    return missing_prerequisites(config.name for config in apps.get_app_configs())


@register(Tags.templates)
def portal_templates(app_configs, **kwargs):
    from django.apps import apps
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    installed = {config.name for config in apps.get_app_configs()}
    if not installed & set(BASE_TEMPLATE_BLOCKS):
        return []
    errors = missing_host_templates(installed, get_template)
    if errors:
        return errors  # the blocks cannot be checked without the templates
    try:
        base = get_template(BASE_TEMPLATE)
    except TemplateDoesNotExist:  # no congthongtin.core: portal.E010 says so
        return errors
    return missing_base_blocks(base, installed)


# Libraries of the extras of pyproject.toml (core.extras) that a configured feature needs.
#: Search backends (WAGTAILSEARCH_BACKENDS' BACKEND) → the client modules they import.
SEARCH_CLIENTS = {
    "congthongtin.search.backends.elasticsearch8": ("elasticsearch", "elastic_transport"),
    "congthongtin.search.backends.opensearch2": ("opensearchpy",),
}
#: Portal apps → the modules their file importers read uploads with.
IMPORTER_MODULES = {
    "congthongtin.legal": ("mammoth", "docx", "pypdf"),  # Word and PDF legal documents
    "congthongtin.procedures": ("openpyxl",),  # .xlsx lists of procedures
}


def missing_search_clients(backends) -> list[Error]:
    """portal.E013 for each configured search backend whose client library is absent: every
    search and every publish would fail on an ImportError."""
    from .extras import install_hint, missing_modules

    errors = []
    for alias, config in (backends or {}).items():
        missing = missing_modules(*SEARCH_CLIENTS.get(config.get("BACKEND", ""), ()))
        if missing:
            errors.append(
                Error(
                    f"The search backend '{alias}' ({config['BACKEND']}) needs "
                    f"{', '.join(missing)}, which is not installed.",
                    hint=f"Install the client: {install_hint(missing)}.",
                    id="portal.E013",
                )
            )
    return errors


def missing_importer_modules(installed) -> list[Warning]:
    """portal.W014 when an installed app's file importer lacks its libraries: such files are
    refused with a message, the rest of the app works."""
    from .extras import install_hint, missing_modules

    warnings = []
    for app, modules in IMPORTER_MODULES.items():
        missing = missing_modules(*modules) if app in installed else []
        if missing:
            warnings.append(
                Warning(
                    f"The importer of the portal app '{label(app)}' cannot read some files: "
                    f"{', '.join(missing)} not installed.",
                    hint=f"Install the importers: {install_hint(missing)}.",
                    id="portal.W014",
                )
            )
    return warnings


@register(Tags.compatibility)
def portal_extras(app_configs, **kwargs):
    from django.apps import apps

    installed = {config.name for config in apps.get_app_configs()}
    return missing_search_clients(
        getattr(settings, "WAGTAILSEARCH_BACKENDS", None)
    ) + missing_importer_modules(installed)


@register()
def one_name_per_module(app_configs, **kwargs):
    """portal.E020 when a module of the platform was loaded twice under two names (its bare
    name and its ``congthongtin.`` name): two copies of every class, signal and registry."""
    from congthongtin import modules_loaded_twice

    return [
        Error(
            f"'{first}' and '{second}' are the same file loaded twice.",
            hint="Import the platform's modules only as 'congthongtin.<app>…' (settings, "
            "INSTALLED_APPS, dotted paths in strings included).",
            id="portal.E020",
        )
        for first, second in modules_loaded_twice()
    ]


# Converters the importers run (issue 19): LibreOffice reads Word 97–2003 (.doc) files,
# Tesseract recognises the text of scanned PDFs. Without them those files are refused with
# a message (the rest of the import works), so a missing one is a warning, not an error.
def tesseract_languages(program: str) -> set[str] | None:
    """The languages ``tesseract --list-langs`` lists; None when it cannot be run."""
    import subprocess

    try:
        done = subprocess.run(
            [program, "--list-langs"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    # "List of available languages in "…" (3):" then one name per line; older versions
    # print it on stderr.
    lines = (done.stdout + done.stderr).decode(errors="replace").splitlines()
    return {line.strip() for line in lines if line.strip() and " " not in line.strip()}


def missing_converters() -> list[Warning]:
    """core.W002 without LibreOffice (``soffice``), core.W003 without Tesseract or its
    Vietnamese language data (``vie``)."""
    import shutil

    from .reading.doc import soffice

    warnings = []
    if soffice() is None:
        warnings.append(
            Warning(
                "LibreOffice (soffice) is not installed: Word 97–2003 (.doc) files are "
                "refused by the importers.",
                hint="Install LibreOffice Writer (make converters; Debian: apt-get install "
                "--no-install-recommends libreoffice-writer-nogui).",
                id="core.W002",
            )
        )
    program = shutil.which("tesseract")
    languages = tesseract_languages(program) if program else None
    if program is None or languages is None:
        warnings.append(
            Warning(
                "Tesseract is not installed: scanned PDFs (without a text layer) are refused "
                "by the importers.",
                hint="Install Tesseract with its Vietnamese data (make converters; Debian: "
                "apt-get install tesseract-ocr tesseract-ocr-vie).",
                id="core.W003",
            )
        )
    elif "vie" not in languages:
        warnings.append(
            Warning(
                "Tesseract has no Vietnamese language data ('vie'): scanned PDFs cannot be "
                "recognised.",
                hint="Install the Vietnamese data (Debian: apt-get install tesseract-ocr-vie), "
                "or point TESSDATA_PREFIX at a folder holding vie.traineddata.",
                id="core.W003",
            )
        )
    return warnings


@register(Tags.compatibility)
def converters(app_configs, **kwargs):
    return missing_converters()


#: Wagtail's defaults that make the admin's browser ask another host (issue "nothing sent
#: abroad"): setting → (the value that keeps everything home, check id, what goes abroad).
SENT_ABROAD = {
    "WAGTAIL_GRAVATAR_PROVIDER_URL": (
        None,
        "core.W004",
        "every avatar is asked of Gravatar, with the md5 hash of the official's e-mail "
        "address; behind a closed government network the pictures break",
    ),
    "WAGTAIL_ENABLE_UPDATE_CHECK": (
        False,
        "core.W005",
        "the dashboard asks Wagtail's site abroad for new releases",
    ),
}
_WAGTAIL_DEFAULTS = {
    "WAGTAIL_GRAVATAR_PROVIDER_URL": "//www.gravatar.com/avatar",
    "WAGTAIL_ENABLE_UPDATE_CHECK": True,
}


@register(Tags.security)
def nothing_sent_abroad(app_configs, **kwargs):
    """core.W004/W005: a Wagtail setting left at a default that sends requests to another
    host from the admin. The portal's own settings turn them off; a host project that
    installs the apps gets this warning instead."""
    warnings = []
    for name, (home, check_id, why) in SENT_ABROAD.items():
        if getattr(settings, name, _WAGTAIL_DEFAULTS[name]) != home:
            warnings.append(
                Warning(
                    f"{name} is not {home!r}: {why}.",
                    hint=f"Set {name} = {home!r} in the project's settings.",
                    id=check_id,
                )
            )
    return warnings
