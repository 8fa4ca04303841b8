"""The one tag templates use to show why an action is not available now.

{% load policy %}
{% if actions.approve %}
  <button type="submit">…</button>
{% elif actions.approve.offered %}
  <button type="button" disabled aria-describedby="why-approve">…</button>
  {% refusal_reason actions "approve" %}
{% endif %}
"""

from django import template

register = template.Library()


@register.inclusion_tag("access/_refusal_reason.html")
def refusal_reason(actions, action: str, suffix: str = ""):
    """The policy's reason beside a disabled button, with the id the button points at (`why-<action><suffix>`)."""
    decision = actions.get(action) if actions else None
    show = decision is not None and decision.offered and not decision.allowed
    return {"reason": decision.reason if show else "", "id": f"why-{action}{suffix}"}
