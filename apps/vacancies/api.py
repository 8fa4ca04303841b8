"""The public vacancy list as JSON, for partner sites and apps: the same selector and search as the web list, with
keyset (cursor) pagination, so the thousandth page costs what the first does and nothing counts a million rows."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny

from apps.core.countries import country_code
from apps.vacancies import selectors
from apps.vacancies.models import Sector, Vacancy, VacancyKind


class VacancySerializer(serializers.ModelSerializer):
    country_name = serializers.CharField(read_only=True)
    company = serializers.CharField(source="agency.name", read_only=True)
    url = serializers.SerializerMethodField(help_text="Halaman lowongan (melamar lewat halaman ini)")

    class Meta:
        model = Vacancy
        fields = [
            "id", "kind", "position", "sector", "employer_name", "city", "country", "country_name", "salary",
            "currency", "contract_months", "openings", "closing_date", "published_at", "company", "url",
        ]  # fmt: skip
        read_only_fields = fields  # a list to read: nothing here is written (no date taken without its range)

    def get_url(self, vacancy) -> str:
        path = reverse("vacancies:detail", args=[vacancy.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class VacancyQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="Kata kunci")
    country = serializers.CharField(
        required=False, allow_blank=True, max_length=60, help_text="Negara tujuan: kode ISO (TW) atau nama"
    )
    sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=VacancyKind.choices, required=False, allow_blank=True)

    def validate_country(self, value: str) -> str:
        if value.strip() and not country_code(value):
            raise serializers.ValidationError(_("Negara tidak dikenal."))
        return value


class NewestFirst(CursorPagination):
    """Keyset pages over the list's own order (the partial index `vacancy_open_newest`)."""

    page_size = selectors.PAGE_SIZE
    ordering = ("-published_at", "-id")
    cursor_query_param = "cursor"


class VacancyListAPI(ListAPIView):
    """Open vacancies, newest first: `next` and `previous` are links to the neighbouring pages."""

    serializer_class = VacancySerializer
    permission_classes = [AllowAny]
    pagination_class = NewestFirst

    def paginate_queryset(self, queryset):
        with selectors.index_order(selectors.reads_in_order(self.filters)):
            return super().paginate_queryset(queryset)

    @extend_schema(parameters=[VacancyQuerySerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = VacancyQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        cleaned = query.validated_data
        self.filters = selectors.VacancyFilters(
            search=cleaned.get("q", ""),
            country=cleaned.get("country", ""),
            sector=cleaned.get("sector", ""),
            kind=cleaned.get("kind", ""),
        )
        return selectors.public_vacancies(self.filters)
