"""One colour per status word across CPMI registrations, documents, vacancies, applications and agreements."""

from django import template

register = template.Library()

STATUS_CLASSES = {
    "draft": "text-bg-secondary",
    "submitted": "text-bg-primary",
    "sent": "text-bg-primary",
    "processing": "text-bg-info",
    "interview": "text-bg-warning",
    "revising": "text-bg-warning",
    "returned": "text-bg-warning",
    "pending": "text-bg-light border",
    "verified": "text-bg-success",
    "accepted": "text-bg-success",
    "published": "text-bg-success",
    "rejected": "text-bg-danger",
    "withdrawn": "text-bg-secondary",
    "closed": "text-bg-dark",
}


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-secondary")
