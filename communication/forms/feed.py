"""The forms of the news page: an update (its texts, their versions in the other languages,
its files) and the feed's filter. The rules are the services' (a form never saves a model);
the files are checked here as the service checks them, so a wrong one is refused at the field
before anything is written."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sheatufim.forms_text import CleanTextMixin
from sheatufim.translated_forms import translation_fields

from ..models import ATTACHMENT_EXTENSIONS, EventKind, Update
from ..services.updates import MAX_ATTACHMENTS, attachment_refusal


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ",".join(f".{e}" for e in ATTACHMENT_EXTENSIONS)}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class UpdateForm(CleanTextMixin, translation_fields(title=300, body=None), forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea({"rows": 6}))
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "PDF, image, spreadsheet, document or presentation, up to 5 MB each; at most "
            "%(count)s files."
        )
        % {"count": MAX_ATTACHMENTS},
    )
    remove = forms.TypedMultipleChoiceField(
        label=_("Remove these attachments"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, update: Update | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if update is None:
            del self.fields["remove"]
        else:
            self.fields["remove"].choices = [(a.pk, a.name) for a in update.attachments.all()]
            if not self.is_bound:
                self.initial.update(
                    title=update.title,
                    body=update.body,
                    language=update.language,
                    **{
                        f"{name}_{lang}": text
                        for name, versions in (update.translations or {}).items()
                        for lang, text in versions.items()
                    },
                )
            if not self.fields["remove"].choices:
                del self.fields["remove"]

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        refusals = [refusal for upload in files if (refusal := attachment_refusal(upload))]
        if refusals:
            raise forms.ValidationError(refusals)
        return files

    def texts(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "language": data["language"],
            "translations": data["translations"],
        }


class FeedFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Everything"))]
        + [
            (kind.value, kind.label) for kind in EventKind if kind != EventKind.ACTION_ITEM_ASSIGNED
        ],
    )
