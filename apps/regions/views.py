from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny

from apps.regions.models import Region
from apps.regions.selectors import region_children


@require_GET
def region_options(request):
    """The <option>s of the next select, and empty lists for the selects below it (htmx)."""
    source = request.GET.get("source", "")
    if not source or source not in request.GET:
        return HttpResponseBadRequest()
    parent = request.GET.get(source) or None
    target = "_".join(source.split("_")[:-1]) + "_"
    clear = [name for name in request.GET.get("clear", "").split(",") if name.startswith(target)]
    regions = region_children(parent) if parent else Region.objects.none()
    return render(request, "regions/_options.html", {"regions": regions, "clear": clear})


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent", "postal_code"]


class RegionListAPI(ListAPIView):
    """Regions by parent: no `parent` gives the provinces."""

    serializer_class = RegionSerializer
    permission_classes = [AllowAny]
    pagination_class = None

    def get_queryset(self):
        return region_children(self.request.query_params.get("parent"))
