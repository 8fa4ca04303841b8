"""What operators of a national deployment rely on: /healthz/ for the load balancer, /metrics for Prometheus
(restricted), reports reading from the read replica, and scheduled tasks enqueued once across nodes."""

import datetime
import os

import pytest
import redis
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from lokal.holidays import add_working_days

from apps.core import replica
from apps.core.huey_cluster import ClusterRedisHuey
from apps.cpmi import services as cpmi_services
from apps.cpmi.models import CpmiRegistration
from apps.cpmi.tests.builders import complete_profile, filled_registration
from apps.documents.models import DocumentType
from testing import factories

HEALTHZ = reverse("core:healthz")
METRICS = reverse("metrics")


@pytest.mark.django_db
def test_healthz_reports_each_service_it_depends_on(client):
    # When the load balancer asks whether this node is healthy
    response = client.get(HEALTHZ)

    # Then it is told so, service by service
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "queue": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_task_queue_cannot_be_reached(client, monkeypatch):
    from huey.contrib.djhuey import HUEY

    # Given a node whose task queue is unreachable
    def unreachable():
        raise redis.ConnectionError("connection refused")

    monkeypatch.setattr(HUEY, "pending_count", unreachable)

    # When the load balancer asks
    response = client.get(HEALTHZ)

    # Then the node is reported unavailable, naming the queue only
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["queue"] == "Unavailable: Task queue unavailable"
    assert body["checks"]["database"] == "ok"


def submitted(*, working_days_ago: int) -> CpmiRegistration:
    person = factories.user()
    complete_profile(person)
    registration = cpmi_services.registration_submit(registration=filled_registration(person), actor=person)
    start = add_working_days(timezone.localdate(), -working_days_ago)
    moment = timezone.make_aware(datetime.datetime.combine(start, datetime.time(9, 0)))
    CpmiRegistration.objects.filter(pk=registration.pk).update(submitted_at=moment)
    return registration


@pytest.mark.django_db
def test_metrics_are_a_404_without_the_token_or_an_allowed_address(client):
    # Given production defaults: no token, no allowed address
    # When anyone opens /metrics
    # Then the page does not exist for them
    assert client.get(METRICS).status_code == 404
    with override_settings(METRICS_TOKEN="s3cret-token"):
        assert client.get(METRICS, headers={"Authorization": "Bearer wrong"}).status_code == 404
        assert client.get(METRICS, headers={"Authorization": "s3cret-token"}).status_code == 404


@pytest.mark.django_db
@override_settings(METRICS_TOKEN="s3cret-token")
def test_metrics_give_request_latency_queue_depth_and_the_offices_sla_clocks(client):
    # Given two registrations waiting at the Depok office: one for 1 working day, one for 6 (beyond the 3 days)
    recent = submitted(working_days_ago=1)
    submitted(working_days_ago=6)
    office = recent.office.region_id
    client.get(reverse("core:home"))

    # When Prometheus scrapes with the token
    response = client.get(METRICS, headers={"Authorization": "Bearer s3cret-token"})

    # Then it reads the request latency histogram, the queue depth and the office's waiting and overdue counts
    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in text
    assert "sipmi_task_queue_depth 0.0" in text
    assert f'sipmi_cpmi_registrations_waiting{{office="{office}"}} 2.0' in text
    assert f'sipmi_cpmi_registrations_overdue{{office="{office}"}} 1.0' in text
    assert "sipmi_service_requests_waiting" in text


@pytest.mark.django_db
@override_settings(METRICS_ALLOWED_IPS=["198.51.100.9"], TRUSTED_PROXY_COUNT=1)
def test_metrics_are_served_to_an_allowed_address_seen_through_the_proxy(client):
    # When the monitoring host (behind the one trusted proxy) scrapes without a token
    allowed = client.get(METRICS, headers={"X-Forwarded-For": "198.51.100.9"})
    other = client.get(METRICS, headers={"X-Forwarded-For": "203.0.113.50"})

    # Then it is served, and any other address is not
    assert allowed.status_code == 200
    assert other.status_code == 404


def test_reports_read_the_replica_only_when_one_is_configured(monkeypatch):
    router = replica.ReplicaRouter()

    # Without a replica, reports read the primary
    with replica.replica_reads():
        assert router.db_for_read(DocumentType) == "default"

    # With one, a report's reads go to it, and other pages' reads stay on the primary
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    with replica.replica_reads():
        assert router.db_for_read(DocumentType) == "replica"
        # And writes and migrations never go to the replica
        assert router.db_for_write(DocumentType) == "default"
    assert router.db_for_read(DocumentType) == "default"
    assert router.allow_migrate("replica", "documents") is False
    assert router.allow_migrate("default", "documents") is True


@pytest.mark.django_db
def test_the_office_reports_are_marked_to_read_from_the_replica(client, monkeypatch):
    # Given an officer, and a router that notes whether each read was asked for on the replica
    officer = factories.staff()
    client.force_login(officer)
    marked = []
    original = replica.ReplicaRouter.db_for_read

    def spy(self, model, **hints):
        marked.append(replica._on_replica.get())
        return original(self, model, **hints)

    monkeypatch.setattr(replica.ReplicaRouter, "db_for_read", spy)

    # When the officer opens the monthly report and its CSV export
    for name in ("dashboards:office_reports", "dashboards:office_reports_csv"):
        marked.clear()
        response = client.get(reverse(name))

        # Then the report's reads are the replica's (the primary's without one)
        assert response.status_code == 200
        assert True in marked

    # And the dashboard, which shows what was just written, reads the primary only
    marked.clear()
    client.get(reverse("dashboards:dashboard_office"))
    assert marked and True not in marked


REDIS_TEST_DB = int(os.environ.get("SIPMI_TEST_REDIS_DB", "13"))


@pytest.fixture
def redis_url():
    url = f"redis://127.0.0.1:6379/{REDIS_TEST_DB}"
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail("Redis must answer at 127.0.0.1:6379 (make test starts it)")
    client.flushdb()
    yield url
    client.flushdb()


def test_a_periodic_task_is_enqueued_by_one_node_only(redis_url):
    # Given two nodes' schedulers sharing one Redis, with a task due every minute
    nodes = [ClusterRedisHuey("sipmi-cluster-test", url=redis_url) for _ in range(2)]
    runs = []
    for node in nodes:
        node.periodic_task(lambda *_: True, name="sweep")(lambda: runs.append(1))
    minute = datetime.datetime(2026, 11, 30, 8, 15)

    # When both schedulers wake up in the same minute
    claimed = [node.read_periodic(minute) for node in nodes]

    # Then only one of them enqueues the task; the next minute it is due again
    assert sorted(len(tasks) for tasks in claimed) == [0, 1]
    later = [node.read_periodic(minute + datetime.timedelta(minutes=1)) for node in nodes]
    assert sorted(len(tasks) for tasks in later) == [0, 1]
