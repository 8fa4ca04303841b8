from django.urls import path

from apps.agencies import views

app_name = "agencies"

urlpatterns = [
    # sign-up of a company (any employer) by its owner
    path("daftar/perusahaan/", views.signup, name="signup"),
    # the company
    path("perusahaan/profil/", views.profile, name="profile"),
    path("perusahaan/dokumen/<int:pk>/", views.document_file, name="document_file"),
    path("perusahaan/tim/", views.team, name="team"),
    path("perusahaan/tim/<int:pk>/jadikan-pemilik/", views.member_transfer, name="member_transfer"),
    path("perusahaan/tim/<int:pk>/keluarkan/", views.member_remove, name="member_remove"),
    path("perusahaan/undangan/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("perusahaan/petugas/", views.officers, name="officers"),
    path("perusahaan/petugas/ajukan/", views.officer_request, name="officer_request"),
    # the labour office
    path("dinas/petugas-p3mi/", views.office_approvals, name="office_approvals"),
    path("dinas/petugas-p3mi/<int:pk>/keputusan/", views.office_approval_decide, name="office_approval_decide"),
    # the central admin
    path("admin-pusat/perusahaan/", views.admin_agencies, name="admin_agencies"),
    path("admin-pusat/perusahaan/<int:pk>/", views.admin_agency, name="admin_agency"),
]
