"""The receipt page's table body, with the page's own CSRF token (the one {% csrf_token %}
writes: context["csrf_token"] is masked once per render)."""

from django import template

from ..receipt_table import receipt_body

register = template.Library()


@register.simple_tag(takes_context=True)
def receipt_table_body(context, rows, call):
    return receipt_body(rows, call.pk, context.get("csrf_token"))
