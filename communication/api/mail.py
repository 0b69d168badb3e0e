"""/api/v1/account/email-preferences/: the current user's email preferences (GET, PUT)."""

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from sheatufim.api.schema import ErrorOut, ValidationErrorOut

from ..models import Delivery, DigestSettings, MessageKind, Weekday
from ..preferences import deliveries_for
from ..services import mail


class DeliveriesSerializer(serializers.Serializer):
    """One delivery per kind of message; in a PUT, a kind left out keeps its delivery."""

    def get_fields(self):
        return {
            kind.value: serializers.ChoiceField(
                choices=Delivery.choices, required=False, help_text=str(kind.label)
            )
            for kind in MessageKind
        }


class EmailPreferencesSerializer(serializers.Serializer):
    deliveries = DeliveriesSerializer()
    weekly_day = serializers.ChoiceField(
        choices=Weekday.choices, help_text="The weekly digest's day: 0 Monday … 6 Sunday."
    )
    language = serializers.ChoiceField(
        choices=[("", "the site's language"), *settings.LANGUAGES],
        allow_blank=True,
        help_text='The language of the emails ("": the one used on the site).',
    )


def _current(user) -> dict:
    digest = DigestSettings.objects.filter(user=user).first()
    return {
        "deliveries": deliveries_for([user.pk])[user.pk],
        "weekly_day": digest.weekly_day if digest else Weekday.SUNDAY,
        "language": user.language,
    }


class EmailPreferencesView(APIView):
    """What the signed-in person receives by email, kind by kind."""

    @extend_schema(
        operation_id="email_preferences_retrieve",
        responses={200: EmailPreferencesSerializer},
    )
    def get(self, request):
        return Response(EmailPreferencesSerializer(_current(request.user)).data)

    @extend_schema(
        operation_id="email_preferences_update",
        request=EmailPreferencesSerializer,
        responses={
            200: EmailPreferencesSerializer,
            400: OpenApiResponse(ValidationErrorOut, description="A value is not valid."),
            403: OpenApiResponse(ErrorOut, description="Not signed in."),
        },
    )
    def put(self, request):
        given = EmailPreferencesSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        mail.email_preferences_save(
            user=request.user,
            deliveries=dict(data["deliveries"]),
            weekly_day=int(data["weekly_day"]),
            language=data["language"],
        )
        return Response(EmailPreferencesSerializer(_current(request.user)).data)
