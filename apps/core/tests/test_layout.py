"""The layout every page shares: a favicon; and the README's way to serve on another port."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_every_page_links_a_favicon_that_exists(client):
    page = client.get("/").content.decode()

    for name, kind in (("img/favicon.svg", "image/svg+xml"), ("img/favicon-32.png", "image/png")):
        assert (
            f'href="/static/{name}" type="{kind}"' in page
            or f'href="/static/{name}" sizes="32x32" type="{kind}"' in page
        )
        assert finders.find(name), name
    assert finders.find("img/favicon.ico") and finders.find("img/apple-touch-icon.png")


def test_the_readme_says_how_to_serve_on_another_port_and_the_makefile_honours_it():
    assert "make run PORT=8080" in (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "PORT ?= 8000" in makefile and "runserver $(HOST):$(PORT)" in makefile


def test_the_readme_opens_with_the_two_set_up_commands():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in block.strip().splitlines()] == [["make", "run"], ["make", "test"]]
