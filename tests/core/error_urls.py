"""The site's URLs plus one view that fails: for the 500 page's test only."""

from django.urls import path

from lms.urls import handler500  # noqa: F401 - Django reads handler500
from lms.urls import urlpatterns as site_urls


def fail(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("test-only/fail/", fail), *site_urls]
