from django.urls import include, path

from .views import accounts, audit, gate, guide, password, records

app_name = "editorial"

urlpatterns = [
    path("doi-mat-khau/", password.change_password, name="change_password"),
    # The editor's guide, served by the portal (no link to the internet): any admin user.
    path("huong-dan/", guide.guide, name="guide"),
    path("huong-dan/anh/<str:name>", guide.guide_image, name="guide_image"),
    path("kiem-tra-dang/<int:page_id>/", gate.gate_report, name="gate"),
    path("kiem-tra-dang/<int:page_id>/chuyen-ma/", gate.fix_legacy, name="fix_legacy"),
    path("tai-khoan/tao-moi/", accounts.create_account, name="create_account"),
    path("tai-khoan/", accounts.account_list, name="account_list"),
    path("tai-khoan/<int:pk>/", accounts.account_detail, name="account_detail"),
    path("kiem-tra/", audit.AuditReportView.as_view(), name="audit_report"),
    path("kiem-tra/trang/", audit.audit_pages, name="audit_pages"),
    path("kiem-tra/trang/<int:page_id>/", audit.audit_page_history, name="audit_page_history"),
    # Revision ids are numbers: a word reached the database lookup and failed with a 500.
    path(
        "kiem-tra/trang/<int:pk>/so-sanh/<int:revision_id_a>/<int:revision_id_b>/",
        audit.AuditRevisionsCompareView.as_view(),
        name="audit_compare",
    ),
    path("kiem-tra/tai-khoan/", audit.audit_accounts, name="audit_accounts"),
    path("kiem-tra/du-lieu/", records.audit_records, name="audit_records_index"),
    path("kiem-tra/du-lieu/<str:label>/", records.audit_records, name="audit_records"),
    path("ra-soat/", include("congthongtin.editorial.reviews_urls")),
    path("nhuan-but/", include("congthongtin.editorial.royalties_urls")),
    path("han-dang/", include("congthongtin.editorial.timeliness_urls")),
    path("dinh-muc/", include("congthongtin.editorial.quotas_urls")),
    path("de-xuat-len/", include("congthongtin.editorial.upward_urls")),
    path("", include("congthongtin.editorial.inbox_urls")),
]
