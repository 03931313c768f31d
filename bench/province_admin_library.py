"""A library of N legal documents under one new index page, written in SQL in seconds (for
bench/province_admin.py when ``generate_corpus`` is too slow on a loaded machine).

The index page is made through Wagtail (``add_child``, published); its children are rows of
``wagtailcore_page`` (treebeard paths after the parent's, ``numchild`` of the parent updated)
and ``legal_legaldocumentpage`` made by ``INSERT … SELECT generate_series``: live, no
revision, titles of ten document kinds over a few hundred subjects, so that a keyword search
finds a realistic share. Wagtail's own search index is not updated (the chooser's search
then reads the index of the pages it has).

    DATABASE_URL=postgres://… .venv/bin/python bench/province_admin_library.py --documents 100000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

KINDS = [
    ("Quyết định", "QĐ-UBND"),
    ("Kế hoạch", "KH-UBND"),
    ("Thông báo", "TB-UBND"),
    ("Nghị quyết", "NQ-HĐND"),
    ("Chỉ thị", "CT-UBND"),
    ("Công văn", "UBND-VP"),
    ("Hướng dẫn", "HD-UBND"),
    ("Quyết định", "QĐ-CTUBND"),
    ("Kế hoạch", "KH-BCĐ"),
    ("Thông báo", "TB-VP"),
]
SUBJECTS = [
    "phê duyệt kế hoạch sử dụng đất",
    "ban hành quy chế làm việc",
    "công nhận xã đạt chuẩn nông thôn mới",
    "thành lập Ban chỉ đạo chuyển đổi số",
    "giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội",
    "hỗ trợ hộ nghèo, hộ cận nghèo",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "tổ chức Lễ hội văn hóa truyền thống",
    "tuyển dụng công chức cấp xã",
    "cải cách thủ tục hành chính",
    "phổ biến, giáo dục pháp luật",
    "bảo vệ môi trường và xử lý rác thải",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--slug", default="van-ban-thu-nghiem")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congthongtin.nhuxuan_site.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Page, Site

    from congthongtin.legal.models import LegalDocumentIndexPage, LegalDocumentPage

    started = time.monotonic()
    home = Site.objects.get(is_default_site=True).root_page
    library = LegalDocumentIndexPage.objects.child_of(home).filter(slug=args.slug).first()
    if library is None:
        library = LegalDocumentIndexPage(title="Văn bản (thử nghiệm quy mô)", slug=args.slug)
        home.add_child(instance=library)
        library.save_revision().publish()
    library = Page.objects.get(pk=library.pk)
    if library.numchild:
        print(f"library {library.pk} has {library.numchild} children already")
        return 0
    content_type = ContentType.objects.get_for_model(LegalDocumentPage).pk
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    kinds = "ARRAY[" + ",".join(f"'{k}'" for k, _s in KINDS) + "]"
    symbols = "ARRAY[" + ",".join(f"'{s}'" for _k, s in KINDS) + "]"
    subjects = "ARRAY[" + ",".join(f"'{s}'" for s in SUBJECTS) + "]"
    step = " || ".join(f"substr('{alphabet}', (i / {36**p}) %% 36 + 1, 1)" for p in (3, 2, 1, 0))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO wagtailcore_page (path, depth, numchild, title, draft_title, slug, live,
                has_unpublished_changes, url_path, seo_title, show_in_menus, search_description,
                expired, content_type_id, locked, translation_key, locale_id,
                first_published_at, last_published_at)
            SELECT %(path)s || {step}, %(depth)s, 0, t, t, 'vb-' || i, true, false,
                %(url)s || 'vb-' || i || '/', '', false, '', false, %(ct)s, false,
                md5(i::text || 'bench')::uuid, %(locale)s, d, d
            FROM (
                SELECT i,
                    ({kinds})[i %% 10 + 1] || ' số ' || i || '/' || ({symbols})[i %% 10 + 1]
                        || ' về việc ' || ({subjects})[(i / 10) %% 12 + 1] AS t,
                    timestamp '2010-01-01' + (i * interval '95 minutes') AS d
                FROM generate_series(1, %(n)s) AS i
            ) AS rows
            """,
            {
                "path": library.path,
                "depth": library.depth + 1,
                "url": library.url_path,
                "ct": content_type,
                "locale": library.locale_id,
                "n": args.documents,
            },
        )
        cursor.execute(
            """
            INSERT INTO legal_legaldocumentpage (page_ptr_id, author_name, author_address, origin,
                source, source_url, search_key, classification, number_symbol, number_key, signer,
                signer_position, place_of_issue, issue_date, effective_date, effect_status,
                status_note, summary, full_text, official_url, title_key, text_from_ocr,
                own_document)
            SELECT id, 'Văn phòng', '', 'original', '', '', lower(title), 'thuong',
                split_part(split_part(title, ' số ', 2), ' ', 1),
                lower(split_part(split_part(title, ' số ', 2), ' ', 1)), 'Đỗ Minh Tuấn',
                'Chủ tịch', 'Như Xuân', first_published_at::date, first_published_at::date,
                'con-hieu-luc', '', title, '', '', lower(title), false, true
            FROM wagtailcore_page WHERE path LIKE %(path)s AND depth = %(depth)s
            """,
            {"path": library.path + "%", "depth": library.depth + 1},
        )
        cursor.execute(
            "UPDATE wagtailcore_page SET numchild = %s WHERE id = %s",
            [args.documents, library.pk],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailcore_page; ANALYZE legal_legaldocumentpage")
    print(
        f"library {library.pk} {library.url_path}: {args.documents} documents "
        f"in {time.monotonic() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
