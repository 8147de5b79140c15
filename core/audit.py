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
