"""The anonymity rule, in one place: pages, exports and the API ask here.

In an anonymous round nothing is shown per organization or per respondent (no names, no
per-response answers, no comments attributed), and any figure that counts fewer than
MIN_RESPONDENTS respondents (a sector's breakdown, a benchmark, the whole round) is withheld.
A round that is not anonymous shows its figures whatever their size; its answers per
organization are for those who manage the backbone only."""

MIN_RESPONDENTS = 3


def figure_shown(*, anonymous: bool, respondents: int) -> bool:
    return not anonymous or respondents >= MIN_RESPONDENTS
