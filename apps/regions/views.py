from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny

from apps.regions.forms import REGION_CODE, RegionOptionsQuery
from apps.regions.models import Region
from apps.regions.selectors import region_children


@require_GET
def region_options(request):
    """The <option>s of the next select, and empty lists for the selects below it (htmx)."""
    query = RegionOptionsQuery.from_params(request.GET)
    if not query.is_valid():
        return HttpResponseBadRequest()
    parent = query.cleaned_data["parent"] or None
    target = "_".join(query.cleaned_data["source"].split("_")[:-1]) + "_"
    clear = [name for name in query.cleaned_data["clear"] if name.startswith(target)]
    regions = region_children(parent) if parent else Region.objects.none()
    return render(request, "regions/_options.html", {"regions": regions, "clear": clear})


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent", "postal_code"]


class RegionQuerySerializer(serializers.Serializer):
    parent = serializers.RegexField(
        REGION_CODE, required=False, allow_blank=True, max_length=13, help_text="Kode wilayah induk, mis. 32.76"
    )


class RegionListAPI(ListAPIView):
    """Regions by parent: no `parent` gives the provinces; a malformed code answers 400."""

    serializer_class = RegionSerializer
    permission_classes = [AllowAny]
    pagination_class = None

    @extend_schema(parameters=[RegionQuerySerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = RegionQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return region_children(query.validated_data.get("parent"))
