"""The audit log's human labels in templates: `{{ event.action|action_label }}`."""

from django import template

from apps.audit.labels import action_label as _action_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return _action_label(action)
