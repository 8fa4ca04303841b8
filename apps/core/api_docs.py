"""Swagger UI and ReDoc for the API, served from our own static files (drf-spectacular-sidecar) under the CSP."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """The page loads its start-up script from its own URL (`?script`), so no inline script is needed."""

    template_name = "api/swagger_ui.html"


# ReDoc styles itself by writing <style> elements at run time (styled-components), which no static policy
# can allow except 'unsafe-inline' for styles; scripts stay 'self' only. Its search runs in a blob: worker.
@method_decorator(csp_update({"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]}), name="dispatch")
class RedocDocsView(SpectacularRedocView):
    template_name = "api/redoc.html"
