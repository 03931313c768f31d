"""Replace Wagtail's "Welcome" page with a portal HomePage so a fresh database is a portal."""

from django.db import migrations


def _steplabel(position: int) -> str:
    """treebeard's 4-character base-36 path step."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    label = ""
    while position:
        position, rest = divmod(position, 36)
        label = digits[rest] + label
    return label.rjust(4, "0")


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    homepage_ct, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    root = Page.objects.get(depth=1)
    locale = Locale.objects.order_by("pk").first()
    # The tree is maintained by hand here because treebeard's API is not available on
    # historical models (this mirrors Wagtail's own project template).
    last = Page.objects.filter(depth=2).order_by("-path").first()
    position = int(last.path[-4:], 36) + 1 if last else 1
    homepage = HomePage.objects.create(
        title="Trang chủ",
        draft_title="Trang chủ",
        slug="trang-chu",
        content_type=homepage_ct,
        path=root.path + _steplabel(position),
        depth=2,
        numchild=0,
        url_path="/trang-chu/",
        locale=locale,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page_id = homepage.id
        site.save(update_fields=["root_page"])
    else:
        Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
