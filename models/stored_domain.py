"""Domains stored as text in data records (milestones, queues, scorecards)."""

from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval


def parse_stored_domain(model, text, variables=None):
    """The domain ``text`` evaluates to, checked against ``model``: every field path
    and operator must exist there. ``variables``: sample values of the names the text
    may use (``uid``...). Raises ``ValueError`` naming what is wrong."""
    try:
        value = safe_eval(text or "[]", dict(variables or {}))
    except Exception as error:
        raise ValueError(str(error)) from error
    if not isinstance(value, list | tuple):
        raise ValueError(f"{text!r} is not a list")
    try:
        domain = Domain(value)
        domain.validate(model)
    except Exception as error:
        raise ValueError(str(error)) from error
    return domain
