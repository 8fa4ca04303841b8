"""SIPMI's URLs plus /bench/hello/: the smallest Django view, served through the same middleware, as the
reference every page of bench/national.py is compared with."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler500  # noqa: F401 - handler500 is read from here
from config.urls import urlpatterns as sipmi_urlpatterns


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello, name="bench_hello"), *sipmi_urlpatterns]
