"""Prometheus metrics at /metrics: django-prometheus's request latency and counts, plus SIPMI's own gauges read
at scrape time (a handful of grouped COUNT queries, none growing with the rows of a page):

- `sipmi_task_queue_depth` / `sipmi_task_queue_scheduled`: tasks waiting in Huey's queue, and scheduled for later;
- `sipmi_cpmi_registrations_waiting{office}` / `sipmi_cpmi_registrations_overdue{office}`: CPMI registrations
  submitted to each office and not yet decided, and those waiting beyond the service's standard working days
  (cpmi.selectors.SERVICE_STANDARD_WORKING_DAYS; weekends and public holidays excluded, core.workdays);
- `sipmi_service_requests_waiting{office,service}` / `sipmi_service_requests_overdue{office,service}`: office
  service requests with the office (submitted, in progress, awaiting the division head's approval), and those
  beyond their service's standard working days (offices.catalogue).

`office` is the code of the office's region. Only a bearer of METRICS_TOKEN or a client in METRICS_ALLOWED_IPS
reads the page; anyone else gets a 404, as if it did not exist.
"""

import datetime
import hmac
import os

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.utils import timezone
from lokal.holidays import count_working_days
from prometheus_client import REGISTRY, CollectorRegistry, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

from apps.core.request_context import client_ip_from

OFFICE_WORK = ("submitted", "in_progress", "awaiting_approval")  # officeservices.RequestStatus with the office


def overdue_before(standard_working_days: int, today: datetime.date | None = None) -> datetime.datetime:
    """The moment before which anything submitted has waited more than `standard_working_days` working days today
    (core.workdays.working_days_since(submitted_at) > standard), computed once instead of per row."""
    today = today or timezone.localdate()
    day = today
    while count_working_days(day, today) - 1 <= standard_working_days:
        day -= datetime.timedelta(days=1)
    # `day` and every earlier day are overdue: the boundary is the start of the next day, local time.
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


class SipmiCollector(Collector):
    def describe(self):
        return []  # registering must not query the database (the registry would call collect() otherwise)

    def collect(self):
        yield from self._queue()
        yield from self._registrations()
        yield from self._service_requests()

    def _queue(self):
        from huey.contrib.djhuey import HUEY

        depth = GaugeMetricFamily("sipmi_task_queue_depth", "Tasks waiting in the task queue")
        scheduled = GaugeMetricFamily("sipmi_task_queue_scheduled", "Tasks scheduled to run later")
        depth.add_metric([], HUEY.pending_count())
        scheduled.add_metric([], HUEY.scheduled_count())
        yield depth
        yield scheduled

    def _registrations(self):
        from apps.cpmi.models import CpmiRegistration, RegistrationStatus
        from apps.cpmi.selectors import SERVICE_STANDARD_WORKING_DAYS

        waiting = GaugeMetricFamily(
            "sipmi_cpmi_registrations_waiting",
            "CPMI registrations waiting for the office's decision",
            labels=["office"],
        )
        overdue = GaugeMetricFamily(
            "sipmi_cpmi_registrations_overdue",
            "CPMI registrations waiting beyond the standard working days",
            labels=["office"],
        )
        rows = CpmiRegistration.objects.filter(status=RegistrationStatus.SUBMITTED)
        boundary = overdue_before(SERVICE_STANDARD_WORKING_DAYS)
        for row in rows.values("office__region_id").annotate(n=Count("id")).order_by("office__region_id"):
            waiting.add_metric([str(row["office__region_id"])], row["n"])
        late = rows.filter(submitted_at__lt=boundary)
        for row in late.values("office__region_id").annotate(n=Count("id")).order_by("office__region_id"):
            overdue.add_metric([str(row["office__region_id"])], row["n"])
        yield waiting
        yield overdue

    def _service_requests(self):
        from apps.offices.catalogue import SERVICES
        from apps.officeservices.models import ServiceRequest

        labels = ["office", "service"]
        waiting = GaugeMetricFamily(
            "sipmi_service_requests_waiting", "Office service requests being handled by the office", labels=labels
        )
        overdue = GaugeMetricFamily(
            "sipmi_service_requests_overdue",
            "Office service requests beyond their service's standard working days",
            labels=labels,
        )
        rows = ServiceRequest.objects.filter(status__in=OFFICE_WORK)
        for row in rows.values("office__region_id", "service").annotate(n=Count("id")).order_by():
            waiting.add_metric([str(row["office__region_id"]), row["service"]], row["n"])
        for code, definition in SERVICES.items():
            late = rows.filter(service=code, submitted_at__lt=overdue_before(definition.standard_working_days))
            for row in late.values("office__region_id").annotate(n=Count("id")).order_by():
                overdue.add_metric([str(row["office__region_id"]), code], row["n"])
        yield waiting
        yield overdue


REGISTRY.register(SipmiCollector())


def registry():
    """The process's registry; under gunicorn with PROMETHEUS_MULTIPROC_DIR, every worker's request metrics
    merged from that folder (prometheus_client's multiprocess mode) plus SIPMI's gauges."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    merged = CollectorRegistry()
    multiprocess.MultiProcessCollector(merged)
    merged.register(SipmiCollector())
    return merged


def allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header.removeprefix("Bearer "), token):
        return True
    return client_ip_from(request) in settings.METRICS_ALLOWED_IPS


def metrics(request):
    if not allowed(request):
        raise Http404
    return HttpResponse(generate_latest(registry()), content_type="text/plain; version=0.0.4; charset=utf-8")
