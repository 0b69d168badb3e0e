"""The learning community's endpoints under /api/v1/: `register(router)` and `paths`, as the
backbone's slices give them."""

from . import cohorts, resources

MODULES = (cohorts, resources)


def register(router) -> None:
    for module in MODULES:
        module.register(router)


paths = [entry for module in MODULES for entry in module.paths]
