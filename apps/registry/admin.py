from django.contrib import admin

from apps.core import dates
from apps.registry.models import DemoRegistryPerson, DemoWlkpCompany


@admin.register(DemoRegistryPerson)
class DemoRegistryPersonAdmin(admin.ModelAdmin):
    list_display = ["nik", "full_name", "birth_date", "sex"]
    search_fields = ["nik", "full_name"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "birth_date":
            return dates.model_date_field(db_field, dates.BIRTH_DATE)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(DemoWlkpCompany)
class DemoWlkpCompanyAdmin(admin.ModelAdmin):
    list_display = ["wlkp_code", "name", "nib", "regency_code", "sector"]
    search_fields = ["wlkp_code", "name", "nib"]
