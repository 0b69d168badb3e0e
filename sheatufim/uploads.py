"""Uploads are refused before they are received when the request is larger than the cap.

Every multipart request (the import, the evidence of a value) passes through
`BodyLimitUploadHandler` first: a body that declares more than UPLOAD_MAX_BODY_BYTES stops
being read at its first file, so nothing of it is held in memory or spooled to disk. The fields
before the file (the CSRF token, the period) are kept, and `refuse_oversized` puts the refusal
at the form's file field: the page answers 400 with the form, never a bare 400 page or a 500.

The reverse proxy's limit (docs/deploy.md) stops bodies larger than any request of the
platform before they reach gunicorn at all.
"""

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _

REFUSED = "upload_refused"  # the request attribute set when an upload was not received


def limit() -> int:
    return settings.UPLOAD_MAX_BODY_BYTES


class BodyLimitUploadHandler(FileUploadHandler):
    """Stops a multipart body above the cap, by its Content-Length or by the bytes received."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.too_large = content_length > limit()
        self.received = 0

    def _refuse(self):
        setattr(self.request, REFUSED, True)
        raise StopUpload(connection_reset=True)  # stop reading: the rest is not received

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.too_large:
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > limit():
            self._refuse()
        return raw_data  # the next handlers (memory, then a temporary file) keep it

    def file_complete(self, file_size):
        return None


def refuse_oversized(request, form: forms.Form) -> None:
    """Put the refusal of a body that was not received at the form's file fields."""
    if not getattr(request, REFUSED, False):
        return
    message = _(
        "The file is larger than %(size)s MB, so it was not received. Choose a smaller file."
    ) % {"size": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            form.errors.pop(name, None)
            form.add_error(name, message)
