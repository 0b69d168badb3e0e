from django.urls import path

from .views import editor, feedback, pages

app_name = "agenda"

base = "initiatives/<slug:slug>/agenda/"

urlpatterns = [
    path(base, pages.agenda_page, name="agenda"),
    path(base + "versions/", pages.version_list, name="version_list"),
    path(base + "versions/<int:number>/", pages.version_detail, name="version_detail"),
    path(base + "versions/<int:number>/print/", pages.print_page, name="print"),
    path(base + "versions/<int:number>/comments/", feedback.comment_create, name="comment"),
    path(base + "compare/", pages.compare, name="compare"),
    path(base + "endorse/", feedback.endorse, name="endorse"),
    path(base + "draft/", editor.editor, name="editor"),
    path(base + "draft/start/", editor.draft_start, name="draft_start"),
    path(base + "draft/open/", editor.draft_open, name="draft_open"),
    path(base + "draft/adopt/", editor.draft_adopt, name="draft_adopt"),
    path(base + "draft/goals/new/", editor.goal_create, name="goal_create"),
    path(base + "draft/goals/<int:pk>/", editor.goal_edit, name="goal_edit"),
    path(base + "draft/goals/<int:pk>/retire/", editor.goal_retire, name="goal_retire"),
    path(base + "draft/goals/<int:pk>/move/", editor.goal_move, name="goal_move"),
    path(
        base + "draft/goals/<int:goal_pk>/strategies/new/",
        editor.strategy_create,
        name="strategy_create",
    ),
    path(base + "draft/strategies/<int:pk>/", editor.strategy_edit, name="strategy_edit"),
    path(
        base + "draft/strategies/<int:pk>/retire/", editor.strategy_retire, name="strategy_retire"
    ),
    path(base + "draft/strategies/<int:pk>/move/", editor.strategy_move, name="strategy_move"),
]
