from django.contrib import admin

from apps.registry.models import DemoRegistryPerson


@admin.register(DemoRegistryPerson)
class DemoRegistryPersonAdmin(admin.ModelAdmin):
    list_display = ["nik", "full_name", "birth_date", "sex"]
    search_fields = ["nik", "full_name"]
