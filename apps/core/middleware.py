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
