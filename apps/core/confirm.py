"""Serious actions ask first: a POST without `confirmed=1` answers a page that names the consequence.

Progressive enhancement: with JavaScript, the button's `data-confirm` text shows in a dialog (sipmi.js) and the
form is sent with `confirmed=1`; without it, or when a request is sent another way, the server shows the same
question as a page whose button re-sends the same fields with `confirmed=1`. Only the server's check counts.
"""

from django.http import HttpResponse
from django.shortcuts import render

CONFIRMED = "confirmed"


def is_confirmed(request) -> bool:
    return request.POST.get(CONFIRMED) == "1"


def ask_first(request, *, heading, consequence, confirm_label, back_url: str, danger: bool = False) -> HttpResponse:
    """The confirmation page for this POST: its fields again (files excepted), with `confirmed=1`."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRMED)
        for value in values
    ]
    context = {
        "heading": heading,
        "consequence": consequence,
        "confirm_label": confirm_label,
        "back_url": back_url,
        "danger": danger,
        "fields": fields,
        "action_url": request.get_full_path(),
    }
    return render(request, "confirm.html", context)
