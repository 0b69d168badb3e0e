from django.urls import path

from .views import calendars, feed, groups, mail, meeting_parts, meetings, minutes, minutes_log

app_name = "communication"

base = "initiatives/<slug:slug>/"
meeting = base + "meetings/<int:pk>/"
minutes_base = meeting + "minutes/"

urlpatterns = [
    path(base + "groups/", groups.group_list, name="group_list"),
    path(base + "groups/new/", groups.group_create, name="group_create"),
    path(base + "groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path(base + "groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path(base + "groups/<int:pk>/archive/", groups.group_archive, name="group_archive"),
    path(base + "meetings/", meetings.meeting_list, name="meeting_list"),
    path(base + "meetings/new/", meetings.meeting_create, name="meeting_create"),
    path(meeting, meetings.meeting_detail, name="meeting_detail"),
    path(meeting + "edit/", meetings.meeting_edit, name="meeting_edit"),
    path(meeting + "cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path(meeting + "meeting.ics", meetings.meeting_ics, name="meeting_ics"),
    path(meeting + "items/new/", meeting_parts.item_create, name="item_create"),
    path(meeting + "items/<int:item_pk>/edit/", meeting_parts.item_edit, name="item_edit"),
    path(meeting + "items/<int:item_pk>/remove/", meeting_parts.item_remove, name="item_remove"),
    path(meeting + "items/<int:item_pk>/move/", meeting_parts.item_move, name="item_move"),
    path(meeting + "invite/", meeting_parts.invite, name="invite"),
    path(meeting + "answer/", meeting_parts.answer, name="answer"),
    path(meeting + "attendance/", meeting_parts.attendance, name="attendance"),
    path("calendar/", calendars.my_calendar, name="my_calendar"),
    path("calendar/<str:token>.ics", calendars.calendar_feed, name="calendar_feed"),
    path(base + "news/", feed.news, name="news"),
    path(base + "news/updates/", feed.update_list, name="update_list"),
    path(base + "news/updates/new/", feed.update_create, name="update_create"),
    path(base + "news/updates/<int:pk>/", feed.update_detail, name="update_detail"),
    path(base + "news/updates/<int:pk>/edit/", feed.update_edit, name="update_edit"),
    path(base + "news/updates/<int:pk>/delete/", feed.update_delete, name="update_delete"),
    path(base + "news/attachments/<int:pk>/", feed.attachment_download, name="attachment"),
    path(minutes_base, minutes.minutes_page, name="minutes"),
    path(minutes_base + "edit/", minutes.minutes_edit, name="minutes_edit"),
    path(minutes_base + "circulate/", minutes.minutes_circulate, name="minutes_circulate"),
    path(minutes_base + "approve/", minutes.minutes_approve, name="minutes_approve"),
    path(minutes_base + "comments/", minutes.minutes_comment, name="minutes_comment"),
    path(
        minutes_base + "comments/<int:cid>/resolve/",
        minutes.minutes_comment_resolve,
        name="minutes_comment_resolve",
    ),
    path(minutes_base + "correct/", minutes.minutes_correct, name="minutes_correct"),
    path(base + "decisions/", minutes_log.decision_list, name="decision_list"),
    path(base + "decisions/new/", minutes_log.decision_create, name="decision_create"),
    path(base + "decisions/<int:pk>/", minutes_log.decision_detail, name="decision_detail"),
    path(base + "decisions/<int:pk>/status/", minutes_log.decision_status, name="decision_status"),
    path(base + "action-items/", minutes_log.action_item_list, name="action_item_list"),
    path(base + "action-items/new/", minutes_log.action_item_create, name="action_item_create"),
    path(
        base + "action-items/<int:pk>/", minutes_log.action_item_detail, name="action_item_detail"
    ),
    path(
        base + "action-items/<int:pk>/edit/", minutes_log.action_item_edit, name="action_item_edit"
    ),
    path("my/action-items/", minutes_log.my_action_items, name="my_action_items"),
    path("account/email/", mail.email_preferences, name="email_preferences"),
    path("email/unsubscribe/<str:token>/", mail.unsubscribe, name="unsubscribe"),
    path(base + "communication/settings/", mail.communication_settings, name="settings"),
]
