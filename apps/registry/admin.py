from django.contrib import admin

from apps.registry.models import DemoRegistryPerson, DemoWlkpCompany


@admin.register(DemoRegistryPerson)
class DemoRegistryPersonAdmin(admin.ModelAdmin):
    list_display = ["nik", "full_name", "birth_date", "sex"]
    search_fields = ["nik", "full_name"]


@admin.register(DemoWlkpCompany)
class DemoWlkpCompanyAdmin(admin.ModelAdmin):
    list_display = ["wlkp_code", "name", "nib", "regency_code", "sector"]
    search_fields = ["wlkp_code", "name", "nib"]
