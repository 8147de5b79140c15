"""One audit trail: our actions go to Wagtail's own log (Reports → Site history), beside the
editors' page and snippet history, with who, when and what changed.

Each app registers the actions it records (`register_log_actions` hook in its
`wagtail_hooks.py`, names prefixed `promtourism.`) and calls `record` where the change
happens, inside the same transaction.
"""

from wagtail.log_actions import log


def record(instance, action: str, *, user=None, data: dict | None = None, title: str = ""):
    """Log `action` on `instance` by `user` (the active user when omitted) with `data`:
    plain JSON of what changed, e.g. {"reason": "...", "from": 70, "to": 85}."""
    return log(instance, action, user=user, data=data or {}, title=title or str(instance)[:255])


SHOWN = ("reason", "score", "status", "from", "to", "grade", "decision", "file")


def _describe(value) -> str:
    if isinstance(value, dict) and set(value) == {"from", "to"}:
        return f"{value['from'] if value['from'] is not None else '—'} → {value['to']}"
    return str(value)


def register(actions, labels: dict) -> None:
    """Register each `promtourism.*` action with its label (for a `register_log_actions`
    hook); the history shows the label and what changed (from → to, the reason)."""
    from wagtail.log_actions import LogFormatter

    for action, label in labels.items():

        class Formatter(LogFormatter):
            def format_message(self, log_entry, _label=label):
                details = "; ".join(
                    f"{key}: {_describe(value)}"
                    for key, value in (log_entry.data or {}).items()
                    if key
                    in ("reason", "score", "status", "from", "to", "grade", "decision", "file")
                )
                return f"{_label} ({details})" if details else str(_label)

        Formatter.label = label
        actions.register_action(action)(Formatter)
