from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    """Every {{ form }} renders with Bootstrap markup, errors beside their field."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
