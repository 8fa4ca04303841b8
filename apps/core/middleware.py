from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from apps.core.request_context import client_ip_from, reset_client_ip, set_client_ip


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_ip = client_ip_from(request)
        token = set_client_ip(request.client_ip)
        try:
            return self.get_response(request)
        finally:
            reset_client_ip(token)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Indonesian unless the user chose English with the language switch (the cookie).

    The browser's Accept-Language is ignored on purpose: many phones in Indonesia are set to English,
    and their owners still expect the Indonesian service.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # The response is rendered; don't let this request's language leak into the thread's next work.
        translation.deactivate()
        return response
