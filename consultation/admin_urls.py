from django.urls import path

from .views import admin, files

app_name = "consultation_admin"

urlpatterns = [
    path("hoi-dap/", admin.QuestionDashboardView.as_view(), name="dashboard"),
    path("hoi-dap/<int:pk>/phan-cong/", admin.assign_question, name="assign"),
    path("hoi-dap/<int:pk>/khong-tiep-nhan/", admin.refuse_question, name="refuse"),
    path("hoi-dap/<int:pk>/tra-loi/", admin.answer_for_question, name="answer"),
    path("gop-y/<int:pk>/tep/", files.comment_attachment, name="comment_attachment"),
    path("danh-gia-trang/", admin.FeedbackReportView.as_view(), name="feedback_report"),
]
