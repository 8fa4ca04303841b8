from django.conf import settings


def site(request):
    return {"SITE_NAME": "SIPMI", "DEBUG": settings.DEBUG}
