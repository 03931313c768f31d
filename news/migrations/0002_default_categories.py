"""The news categories R-NEWS-1 names (S0 Đ8.2, S3 Đ5.1, 5.5–5.7), so a fresh portal can
classify news at once. Editors may rename them or add others."""

from django.db import migrations

DEFAULT_CATEGORIES = [
    ("chinh-tri", "Chính trị"),
    ("kinh-te", "Kinh tế"),
    ("van-hoa-xa-hoi", "Văn hóa – Xã hội"),
    ("quoc-phong-an-ninh", "Quốc phòng – An ninh"),
    ("dang-doan-the", "Công tác Đảng, đoàn thể"),
    ("nguoi-tot-viec-tot", "Người tốt, việc tốt"),
]


def create_categories(apps, schema_editor):
    NewsCategory = apps.get_model("news", "NewsCategory")
    for order, (slug, name) in enumerate(DEFAULT_CATEGORIES, start=1):
        NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
