from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "apps.permits"
    label = "permits"

    def ready(self):
        from apps.agencies.panels import agency_admin_section_register, agency_card_line_register
        from apps.permits.panels import agency_admin_permits, agency_card_quota

        agency_card_line_register(agency_card_quota)
        agency_admin_section_register(agency_admin_permits)
