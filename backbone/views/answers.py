"""The answer page: the signed-in respondent's own answers in a round, a form per section
(four levels or "I cannot say", and a comment, per benchmark), saved as a draft or submitted;
read only once the round is closed. No one sees another person's answers here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from initiatives.forms import add_service_error
from initiatives.views import require

from ..forms.rounds import AnswerForm
from ..models import Benchmark, ResponseState, RoundState, TemplateSection
from ..selectors.templates import benchmark_text
from ..services import answers as services
from . import BASE
from .rounds import _readable, round_or_404


def _sections(round) -> list[TemplateSection]:
    return list(
        TemplateSection.objects.filter(template_id=round.template_id)
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch("benchmarks", queryset=Benchmark.objects.order_by("order", "pk"))
        )
    )


def _page(request, initiative, round, response, sections, form, refused=None) -> HttpResponse:
    readonly = round.state != RoundState.OPEN
    answered = {a.benchmark_id: a for a in response.answers.all()} if readonly else {}
    rows = []
    for section in sections:
        items = []
        for benchmark in section.benchmarks.all():
            items.append(
                {
                    "benchmark": benchmark,
                    "text": benchmark_text(benchmark),
                    "level": form[services.level_field(benchmark.pk)],
                    "comment": form[services.comment_field(benchmark.pk)],
                    "answer": answered.get(benchmark.pk),
                }
            )
        rows.append({"section": section, "items": items})
    context = {
        "initiative": initiative,
        "round": round,
        "response": response,
        "sections": rows,
        "form": form,
        "readonly": readonly,
        "refused": refused,
        "submitted": response.state == ResponseState.SUBMITTED,
    }
    status = 400 if form.errors or refused else 200
    return render(request, "backbone/answer.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _readable(request, slug)
    round = round_or_404(initiative, pk)
    response = services.response_for(request.user, round)
    require(response is not None)  # only the round's respondents answer
    sections = _sections(round)
    benchmarks = [b for section in sections for b in section.benchmarks.all()]
    if request.method == "GET" or round.state != RoundState.OPEN:
        initial = AnswerForm.initial_for(response.answers.all())
        form = AnswerForm(benchmarks=benchmarks, initial=initial)
        refused = services.NOT_OPEN if request.method == "POST" else None
        return _page(request, initiative, round, response, sections, form, refused=refused)
    form = AnswerForm(benchmarks=benchmarks, data=request.POST)
    submit = "submit" in request.POST
    if form.is_valid():
        try:
            services.answers_save(
                response=response, answers=form.answers(), submit=submit, by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if submit or response.state == ResponseState.SUBMITTED:
                messages.success(request, _("Your answers are submitted. Thank you."))
            else:
                messages.success(request, _("Your answers are saved as a draft."))
            return redirect(reverse("backbone:answer", args=[slug, round.pk]))
    return _page(request, initiative, round, response, sections, form)


urlpatterns = [
    path(BASE + "rounds/<int:pk>/answer/", answer, name="answer"),
]
