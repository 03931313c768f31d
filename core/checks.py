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
    ],
    "congthongtin.projects": [
        "congthongtin.core",  # base pages, blocks, portal_tags
        "congthongtin.news",  # listing includes (news/includes/*.html), news.css
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
    ],
}

# The public templates of the apps extend "base.html", which the host project provides (here
# nhuxuan_site/templates/base.html), and fill these blocks of it.
BASE_TEMPLATE = "base.html"
BASE_TEMPLATE_BLOCKS: dict[str, list[str]] = {
    "congthongtin.home": ["title", "title_suffix", "breadcrumbs", "content"],
    "congthongtin.news": ["extra_head", "content"],
    "congthongtin.projects": ["extra_head", "content"],
    "congthongtin.legal": ["extra_head", "content"],
    "congthongtin.procedures": ["title", "extra_head", "content"],
    "congthongtin.consultation": ["title", "extra_head", "breadcrumbs", "content"],
    "congthongtin.search": ["title", "extra_head", "content"],
}

# Templates of the host project that the apps include (the pager of every listing).
HOST_TEMPLATES: dict[str, list[str]] = {
    f"congthongtin.{app}": ["includes/pagination.html"]
    for app in ("news", "projects", "legal", "procedures", "consultation", "search")
}


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


def defined_blocks(template) -> set[str]:
    """Names of the blocks a template defines, its ancestors' included when it extends one
    by a constant name. Takes a loaded template (engine's or backend's)."""
    from django.template import Context
    from django.template.loader_tags import BlockNode, ExtendsNode

    template = getattr(template, "template", template)  # backend wrapper → engine template
    names = {node.name for node in template.nodelist.get_nodes_by_type(BlockNode)}
    for node in template.nodelist.get_nodes_by_type(ExtendsNode):
        parent = node.parent_name.resolve(Context())
        if isinstance(parent, str):
            names |= defined_blocks(template.engine.get_template(parent))
    return names


def missing_base_blocks(base_template, installed) -> list[Error]:
    """portal.E011 for each installed portal app whose templates fill blocks that the host's
    base template does not define: the content put there would silently not show."""
    defined = defined_blocks(base_template)
    errors = []
    for app, blocks in BASE_TEMPLATE_BLOCKS.items():
        missing = [name for name in blocks if name not in defined]
        if app in installed and missing:
            tags = " ".join(f"{{% block {name} %}}{{% endblock %}}" for name in missing)
            errors.append(
                Error(
                    f"The portal app '{label(app)}' fills blocks that {BASE_TEMPLATE} does not "
                    f"define: {', '.join(missing)}.",
                    hint=f"Define them in your {BASE_TEMPLATE}: {tags}",
                    id="portal.E011",
                )
            )
    return errors


def missing_host_templates(installed, get_template) -> list[Error]:
    """portal.E012 for each template the installed portal apps extend or include from the host
    project and that does not resolve. ``get_template(name)`` raises TemplateDoesNotExist."""
    from django.template import TemplateDoesNotExist

    needed: dict[str, list[str]] = {}
    for app in installed:
        if app in BASE_TEMPLATE_BLOCKS:
            needed.setdefault(BASE_TEMPLATE, []).append(app)
        for name in HOST_TEMPLATES.get(app, ()):
            needed.setdefault(name, []).append(app)
    errors = []
    for name, apps_needing in needed.items():
        try:
            get_template(name)
        except TemplateDoesNotExist:
            errors.append(
                Error(
                    f"The template '{name}' does not exist; the portal apps "
                    f"{', '.join(sorted(map(label, apps_needing)))} use it.",
                    hint=f"Provide templates/{name} in your project (see "
                    f"nhuxuan_site/templates/{name}).",
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
    errors = missing_host_templates(installed, get_template)
    try:
        base = get_template(BASE_TEMPLATE)
    except TemplateDoesNotExist:
        return errors  # portal.E012 above says so
    return errors + missing_base_blocks(base, installed)


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
