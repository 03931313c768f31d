from django.urls import path

from .views import admin, files, requests_admin

app_name = "consultation_admin"

urlpatterns = [
    path("hoi-dap/", admin.QuestionDashboardView.as_view(), name="dashboard"),
    path("hoi-dap/<int:pk>/phan-cong/", admin.assign_question, name="assign"),
    path("hoi-dap/<int:pk>/khong-tiep-nhan/", admin.refuse_question, name="refuse"),
    path("hoi-dap/<int:pk>/tra-loi/", admin.answer_for_question, name="answer"),
    path("yeu-cau/", requests_admin.RequestDashboardView.as_view(), name="requests_dashboard"),
    path("yeu-cau/cua-toi/", requests_admin.MyRequestsView.as_view(), name="my_requests"),
    path("yeu-cau/<int:pk>/", requests_admin.request_detail, name="request"),
    path("yeu-cau/<int:pk>/thu-ly/", requests_admin.accept_request, name="accept"),
    path("yeu-cau/<int:pk>/yeu-cau-bo-sung/", requests_admin.ask_for_information, name="ask"),
    path("yeu-cau/<int:pk>/gia-han/", requests_admin.extend_request, name="extend"),
    path("yeu-cau/<int:pk>/ket-luan/", requests_admin.decide_request, name="decide"),
    path("gop-y/<int:pk>/tep/", files.comment_attachment, name="comment_attachment"),
    path("danh-gia-trang/", admin.FeedbackReportView.as_view(), name="feedback_report"),
]
