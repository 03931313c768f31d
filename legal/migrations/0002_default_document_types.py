"""Default document types: the legal-document types of the Law on Promulgation of Legal
Documents (Điều 4) and the administrative types of Decree 30/2020/NĐ-CP (Điều 7, Phụ lục
III), with the official abbreviations written in symbols. Frozen here so that later edits
of the list by editors or by code never rewrite history."""

from django.db import migrations

# (name, slug, abbreviation, is_legal)
DEFAULT_TYPES = [
    ("Hiến pháp", "hien-phap", "", True),
    ("Bộ luật", "bo-luat", "", True),
    ("Luật", "luat", "", True),
    ("Pháp lệnh", "phap-lenh", "PL", True),
    ("Lệnh", "lenh", "L", True),
    ("Nghị quyết", "nghi-quyet", "NQ", True),
    ("Nghị quyết liên tịch", "nghi-quyet-lien-tich", "NQLT", True),
    ("Nghị định", "nghi-dinh", "NĐ", True),
    ("Quyết định", "quyet-dinh", "QĐ", True),
    ("Thông tư", "thong-tu", "TT", True),
    ("Thông tư liên tịch", "thong-tu-lien-tich", "TTLT", True),
    ("Văn bản hợp nhất", "van-ban-hop-nhat", "VBHN", False),
    ("Chỉ thị", "chi-thi", "CT", False),
    ("Quy chế", "quy-che", "QC", False),
    ("Quy định", "quy-dinh", "QyĐ", False),
    ("Thông cáo", "thong-cao", "TC", False),
    ("Thông báo", "thong-bao", "TB", False),
    ("Hướng dẫn", "huong-dan", "HD", False),
    ("Chương trình", "chuong-trinh", "CTr", False),
    ("Kế hoạch", "ke-hoach", "KH", False),
    ("Phương án", "phuong-an", "PA", False),
    ("Đề án", "de-an", "ĐA", False),
    ("Dự án", "du-an", "DA", False),
    ("Báo cáo", "bao-cao", "BC", False),
    ("Biên bản", "bien-ban", "BB", False),
    ("Tờ trình", "to-trinh", "TTr", False),
    ("Hợp đồng", "hop-dong", "HĐ", False),
    ("Công văn", "cong-van", "", False),
    ("Công điện", "cong-dien", "CĐ", False),
    ("Bản ghi nhớ", "ban-ghi-nho", "BGN", False),
    ("Bản thỏa thuận", "ban-thoa-thuan", "BTT", False),
    ("Giấy ủy quyền", "giay-uy-quyen", "GUQ", False),
    ("Giấy mời", "giay-moi", "GM", False),
    ("Giấy giới thiệu", "giay-gioi-thieu", "GGT", False),
    ("Kết luận", "ket-luan", "KL", False),
]


def create_types(apps, schema_editor):
    DocumentType = apps.get_model("legal", "DocumentType")
    for order, (name, slug, abbreviation, is_legal) in enumerate(DEFAULT_TYPES, start=1):
        DocumentType.objects.get_or_create(
            name=name,
            defaults={
                "slug": slug,
                "abbreviation": abbreviation,
                "is_legal": is_legal,
                "sort_order": order * 10,
            },
        )


def remove_types(apps, schema_editor):
    DocumentType = apps.get_model("legal", "DocumentType")
    DocumentType.objects.filter(
        name__in=[name for name, *_ in DEFAULT_TYPES], documents__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]

    operations = [migrations.RunPython(create_types, remove_types)]
