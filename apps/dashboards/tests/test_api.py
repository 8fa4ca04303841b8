import pytest

pytestmark = pytest.mark.django_db


def test_me_returns_the_signed_in_account_and_its_profile_progress(client, job_seeker):
    client.force_login(job_seeker)
    data = client.get("/api/me/").json()
    assert data["email"] == job_seeker.email
    assert data["role"] == "job_seeker"
    assert data["profile_percent"] == 0
    assert [step["key"] for step in data["profile_steps"]][0] == "photo"


def test_me_refuses_anonymous_visitors(client):
    assert client.get("/api/me/").status_code == 403


def test_the_openapi_schema_describes_the_api(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/me/" in body and "/api/regions/" in body
