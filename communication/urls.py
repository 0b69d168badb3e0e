from django.urls import path

from .views import minutes, minutes_log

app_name = "communication"

base = "initiatives/<slug:slug>/"

minutes_base = base + "meetings/<int:pk>/minutes/"

urlpatterns = [
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
]
