from django.contrib import admin

from apps.offices.models import LabourOffice, StaffAssignment


@admin.register(LabourOffice)
class LabourOfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "region"]
    list_filter = ["level"]
    search_fields = ["name", "region__code"]
    raw_id_fields = ["region"]


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "office", "position"]
    list_filter = ["position"]
    raw_id_fields = ["user", "office"]
