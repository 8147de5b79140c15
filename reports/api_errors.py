"""The API's error answers in the user's language (Russian, English with the EN switch: the
project's LocaleMiddleware has activated it by the time a handler runs).

django-ninja writes its own in English: pydantic's validation messages, "Not Found",
"Unauthorized", "Too many requests.". Each is replaced here by a message from our
catalogue; the machine-readable parts (`loc`, `type`) stay as ninja gives them."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError


def _messages() -> dict[str, str]:
    """pydantic's error types, each with our message (built per call: gettext needs the
    request's language)."""
    whole = _("Введите целое число.")
    return {
        "missing": _("Обязательный параметр."),
        "int_parsing": whole,
        "int_type": whole,
        "int_from_float": whole,
        "int_parsing_size": _("Число слишком большое."),
        "greater_than": _("Значение должно быть больше %(limit)s."),
        "greater_than_equal": _("Значение должно быть не меньше %(limit)s."),
        "less_than": _("Значение должно быть меньше %(limit)s."),
        "less_than_equal": _("Значение должно быть не больше %(limit)s."),
        "string_too_long": _("Строка слишком длинная: не больше %(limit)s символов."),
        "string_too_short": _("Строка слишком короткая."),
        "string_type": _("Нужна строка."),
        "bool_parsing": _("Нужно true или false."),
        "date_parsing": _("Нужна дата в формате ГГГГ-ММ-ДД."),
        "date_from_datetime_parsing": _("Нужна дата в формате ГГГГ-ММ-ДД."),
        "json_invalid": _("Тело запроса — не JSON."),
    }


def translated_errors(errors: list[dict]) -> list[dict]:
    """ninja's validation errors with `msg` in the active language."""
    known = _messages()
    out = []
    for error in errors:
        context = error.get("ctx") or {}
        limit = next(
            (context[k] for k in ("gt", "ge", "lt", "le", "max_length") if k in context), ""
        )
        template = known.get(error.get("type", ""), _("Недопустимое значение."))
        out.append(
            {
                "loc": list(error.get("loc", [])),
                "type": error.get("type", ""),
                "msg": template % {"limit": limit} if "%(limit)s" in template else template,
            }
        )
    return out


def install(api) -> None:
    """Register the handlers on a NinjaAPI instance."""

    def validation_error(request, exc: ValidationError):
        return api.create_response(
            request,
            {"message": _("Запрос не прошёл проверку."), "detail": translated_errors(exc.errors)},
            status=422,
        )

    def not_found(request, exc):
        return api.create_response(request, {"detail": _("Не найдено.")}, status=404)

    def http_error(request, exc: HttpError):
        if isinstance(exc, Throttled):
            message = _("Слишком много запросов. Повторите через минуту.")
        elif isinstance(exc, AuthenticationError) or exc.status_code == 401:
            message = _("Нужен действующий токен: заголовок «Authorization: Bearer <токен>».")
        else:
            message = str(exc)  # our own HttpErrors are raised with gettext'd messages
        # ninja adds Retry-After to a throttled answer itself.
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)
