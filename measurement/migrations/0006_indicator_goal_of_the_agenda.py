"""The indicator's free-text "goal it serves" becomes a link to a goal of the initiative's
agenda. Each distinct text of an initiative becomes one goal (existing goals of the same
title are reused), in the agenda's working version: a new draft when there is none, so
that the backbone reviews and adopts them."""

import django.db.models.deletion
from django.db import migrations, models


def texts_to_goals(apps, schema_editor):
    Indicator = apps.get_model("measurement", "Indicator")
    Goal = apps.get_model("agenda", "Goal")
    AgendaVersion = apps.get_model("agenda", "AgendaVersion")
    rows = Indicator.objects.exclude(goal_text="").order_by("initiative_id", "id")
    goals: dict[tuple[int, str], int] = {}
    for indicator in rows.iterator():
        title = " ".join(indicator.goal_text.split())[:300]
        key = (indicator.initiative_id, title.casefold())
        if key not in goals:
            goal = Goal.objects.filter(
                initiative_id=indicator.initiative_id, title__iexact=title
            ).first()
            if goal is None:
                order = Goal.objects.filter(initiative_id=indicator.initiative_id).count() + 1
                goal = Goal.objects.create(
                    initiative_id=indicator.initiative_id, title=title, order=order
                )
            goals[key] = goal.pk
            working = AgendaVersion.objects.filter(
                initiative_id=indicator.initiative_id, state__in=["draft", "open_for_comment"]
            )
            if not working.exists():
                last = (
                    AgendaVersion.objects.filter(initiative_id=indicator.initiative_id)
                    .order_by("-number")
                    .values_list("number", flat=True)
                    .first()
                )
                AgendaVersion.objects.create(
                    initiative_id=indicator.initiative_id, number=(last or 0) + 1
                )
        Indicator.objects.filter(pk=indicator.pk).update(goal_id=goals[key])


def goals_to_texts(apps, schema_editor):
    Indicator = apps.get_model("measurement", "Indicator")
    for indicator in Indicator.objects.exclude(goal=None).select_related("goal").iterator():
        Indicator.objects.filter(pk=indicator.pk).update(goal_text=indicator.goal.title)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_initial"),
        ("measurement", "0005_indicatorassignment_assigned_on"),
    ]

    operations = [
        migrations.RenameField("indicator", "goal", "goal_text"),
        migrations.AddField(
            model_name="indicator",
            name="goal",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="indicators",
                to="agenda.goal",
                verbose_name="goal it serves",
            ),
        ),
        migrations.RunPython(texts_to_goals, goals_to_texts),
        migrations.RemoveField("indicator", "goal_text"),
    ]
