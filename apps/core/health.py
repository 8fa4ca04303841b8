"""/healthz/ for load balancers and monitoring: database, cache, file storage and task queue, each checked.

Built on django-health-check's checks. Answers JSON: {"status": "ok", "checks": {...}} with 200, or the first
failure's short message per check and 503 (a node that cannot reach one of them is taken out of the pool).
Messages never carry credentials or hostnames (django-health-check's rule).
"""

import dataclasses

from django.http import JsonResponse
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Queue(HealthCheck):
    """The task queue's storage answers (Redis in production, SQLite in development): its depth can be read."""

    def run(self):
        from huey.contrib.djhuey import HUEY

        try:
            HUEY.pending_count()
        except Exception as error:  # redis.RedisError, sqlite3.Error, OSError: all mean "cannot queue"
            raise ServiceUnavailable("Task queue unavailable") from error


CHECK_NAMES = {Database: "database", Cache: "cache", Storage: "storage", Queue: "queue"}


class HealthView(HealthCheckView):
    checks = tuple(CHECK_NAMES)

    def render_to_response(self, context, **response_kwargs):
        return self.render_to_response_json(response_kwargs.get("status", 200))

    def render_to_response_text(self, status):
        return self.render_to_response_json(status)

    def render_to_response_json(self, status):
        checks = {
            CHECK_NAMES[type(result.check)]: "ok" if result.error is None else str(result.error)
            for result in self.results
        }
        healthy = all(result.error is None for result in self.results)
        return JsonResponse(
            {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
        )


healthz = HealthView.as_view()
