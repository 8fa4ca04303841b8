"""Public service information (no login): the labour offices, and per office what each service needs, its steps,
standard times, cost, legal basis and outputs, and where to ask or complain (seed 002 publishes exactly this)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from apps.core.forms import search_text
from apps.offices import selectors
from apps.offices.models import LabourOffice

PAGE_SIZE = 20


@require_GET
def office_list(request):
    text = search_text(request.GET, "q")
    page = Paginator(selectors.offices_search(text), PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(request, "offices/office_list.html", {"page": page, "q": text})


@require_GET
def office_detail(request, pk):
    office = get_object_or_404(LabourOffice.objects.select_related("region"), pk=pk)
    context = {"office": office, "services": selectors.service_information(office)}
    return render(request, "offices/office_detail.html", context)
