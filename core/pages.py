"""Pages only present: a page type's context comes from a function among its app's selectors.

The selectors read the page models, so the models cannot import them; instead each selector
module registers its functions with `presents(PageType)` when the app is ready."""

import functools
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


class RoutedByPath:
    """A site's root page type (listed before `Page`) that finds a page under it by its
    whole path in one query, instead of Wagtail's two queries per level of the tree (a
    lesson is four levels down). Wagtail's answer whenever no page type routes on its own;
    a path that is no page's (a routable page's sub-path, a typo) still walks the tree."""

    def route(self, request, path_components):
        if path_components and _plain_routing():
            from wagtail.models import Page

            url_path = self.url_path + "/".join(path_components) + "/"
            # A translation has the same url_path as its page: only this root's locale serves.
            page = Page.objects.filter(url_path=url_path, locale_id=self.locale_id).first()
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)


@functools.cache
def _plain_routing() -> bool:
    """No page type but the root's overrides `route` (read once, after the apps load)."""
    from wagtail.models import Page, get_page_models

    return all(
        model.route is Page.route or issubclass(model, RoutedByPath) for model in get_page_models()
    )
