"""Schemathesis generates requests from our OpenAPI schema and sends them to the WSGI app in-process: no
operation answers 5xx, for an anonymous visitor or a signed-in job seeker."""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

pytestmark = pytest.mark.django_db

# The same document /api/schema/ serves, built without a request so the operations are known at collection.
SCHEMA = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
SCHEMA.app = get_wsgi_application()
OPERATIONS = {operation.label: operation for operation in (result.ok() for result in SCHEMA.get_all_operations())}

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,  # nothing written to disk: every run tries the same examples
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """The WSGI app would close the database connection after each request, and with it the test's transaction;
    Django's own test client switches this off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_schema_served_is_the_one_tested(client):
    served = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    assert {f"{method.upper()} {path}" for path, item in served["paths"].items() for method in item} == set(OPERATIONS)


MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]  # values that fit the schema, and values that don't


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("label", sorted(OPERATIONS))
@PROPERTY
@given(data=st.data())
def test_no_operation_answers_a_server_error_to_a_visitor(label, mode, data):
    case = data.draw(OPERATIONS[label].as_strategy(mode))

    case.call_and_validate(checks=[not_a_server_error])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("label", sorted(OPERATIONS))
@PROPERTY
@given(data=st.data())
def test_no_operation_answers_a_server_error_to_a_job_seeker(label, mode, client, job_seeker, data):
    client.force_login(job_seeker)
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"
    case = data.draw(OPERATIONS[label].as_strategy(mode))

    case.call_and_validate(headers={"Cookie": cookie}, checks=[not_a_server_error])
