"""Default fields of state management (lĩnh vực), as grouped on the national public service
portal, so a fresh database can classify content at once. Editors may add or rename."""

from django.db import migrations

from congthongtin.vietnam.fold import slugify

DEFAULT_FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Xây dựng",
    "Tư pháp",
    "Nội vụ",
    "Lao động, thương binh và xã hội",
    "Giáo dục và đào tạo",
    "Y tế",
    "Văn hóa, thể thao và du lịch",
    "Nông nghiệp và môi trường",
    "Tài chính",
    "Thành lập và hoạt động của doanh nghiệp, hộ kinh doanh",
    "Công thương",
    "Giao thông vận tải",
    "Khoa học, công nghệ và chuyển đổi số",
    "Quốc phòng, an ninh",
    "Thanh tra, khiếu nại, tố cáo",
    "Dân tộc, tôn giáo",
]


def create_fields(apps, schema_editor):
    Field = apps.get_model("core", "Field")
    for order, name in enumerate(DEFAULT_FIELDS, start=1):
        Field.objects.get_or_create(
            slug=slugify(name, max_length=80), defaults={"name": name, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]

    operations = [migrations.RunPython(create_fields, migrations.RunPython.noop)]
