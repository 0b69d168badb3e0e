from .assessments import (
    AnswerValue,
    AssessmentRound,
    AssessmentTemplate,
    Benchmark,
    Level,
    Response,
    ResponseState,
    RoundState,
    TemplateKind,
    TemplateSection,
)
from .functions import (
    BackboneFunction,
    FunctionIndicator,
    TaskStatus,
    Workplan,
    WorkplanObjective,
    WorkplanTask,
)
from .phases import Component, PhaseChange, PhaseCheck, PhaseItem

__all__ = [
    "AnswerValue",
    "AssessmentRound",
    "AssessmentTemplate",
    "BackboneFunction",
    "Benchmark",
    "Component",
    "FunctionIndicator",
    "Level",
    "PhaseChange",
    "PhaseCheck",
    "PhaseItem",
    "Response",
    "ResponseState",
    "RoundState",
    "TaskStatus",
    "TemplateKind",
    "TemplateSection",
    "Workplan",
    "WorkplanObjective",
    "WorkplanTask",
]
