from django import forms, template

from sheatufim import text

register = template.Library()


@register.filter
def bootstrap(bound_field):
    """Render a field's widget with Bootstrap's classes, marked invalid when it has errors."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    if bound_field.errors:
        css += " is-invalid"
    attrs = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    if bound_field.errors:
        attrs["aria-describedby"] = f"{bound_field.auto_id}_error"
    return bound_field.as_widget(attrs=attrs)


@register.filter(name="isolate")
def isolate_filter(value):
    """User text in plain-text output (e-mails): FSI…PDI around it, as <bdi> does in HTML."""
    return text.isolate(value)
