"""The site's form renderer."""

from django.forms.renderers import Jinja2

# Django's own widget templates in their Jinja2 edition: the same HTML in half the time. For
# the site's forms with many widgets (the route studio renders ~80); the Wagtail admin and
# allauth keep the default renderer, whose templates only exist for Django's engine.
FAST_RENDERER = Jinja2()
