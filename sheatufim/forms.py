from django import forms
from django.forms.renderers import TemplatesSetting

TYPED_TEXT = (forms.TextInput, forms.Textarea, forms.EmailInput, forms.URLInput)


class BootstrapBoundField(forms.BoundField):
    """A list of checkboxes or radios gives each of its inputs Bootstrap's form-check-input
    class (components/field.html lays them out as form-checks, each with its label).

    A text box takes the direction of what is typed in it (dir="auto"): an English note on a
    Hebrew page keeps its full stop at its end. Numbers are entered left to right (dir="ltr").
    """

    @property
    def is_choice_list(self) -> bool:
        # CheckboxSelectMultiple is a RadioSelect in Django.
        return isinstance(self.field.widget, forms.RadioSelect)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.is_choice_list:
            css = "form-check-input is-invalid" if self.errors else "form-check-input"
            attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        widget = widget or self.field.widget
        if "dir" in widget.attrs or "dir" in attrs:
            return attrs
        if isinstance(widget, forms.NumberInput):
            attrs["dir"] = "ltr"
        elif isinstance(widget, TYPED_TEXT) and not isinstance(widget, forms.PasswordInput):
            attrs["dir"] = "auto"
        return attrs


class BootstrapFormRenderer(TemplatesSetting):
    """Every {{ form }} renders with Bootstrap markup, errors beside their field."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
    bound_field_class = BootstrapBoundField
