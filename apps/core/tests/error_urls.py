"""The site's URLs plus one view that fails, to see the 500 page as a visitor would."""

from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [*site_urlpatterns, path("rusak/", broken)]

__all__ = ["handler500", "urlpatterns"]
