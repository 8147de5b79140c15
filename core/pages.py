"""Pages only present: a page type's context comes from a function among its app's selectors.

The selectors read the page models, so the models cannot import them; instead each selector
module registers its functions with `presents(PageType)` when the app is ready."""

from collections.abc import Callable

_PRESENTERS: dict[type, Callable] = {}


def presents(page_type: type) -> Callable:
    """Register `function(page, request) -> dict` as what pages of `page_type` add to their
    template context."""

    def register(function: Callable) -> Callable:
        _PRESENTERS[page_type] = function
        return function

    return register


class PresentedPage:
    """A Wagtail page type (listed before `Page`) whose context its selectors fill."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(_PRESENTERS[type(self)](self, request))
        return context
