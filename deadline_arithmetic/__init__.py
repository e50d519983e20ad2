"""Deadline arithmetic of the complaint desk, in plain Python (no Odoo import).

The models read a calendar's working time per local year, a milestone's settings and an
appeal's events into plain values, call these functions and store what they return, so
the rules of counting are tested without a database (``tests/`` beside this file, run
by ``.ci/test``) and the engine's inner loop touches no record.
"""

from .milestone_runs import (
    MilestoneSpec,
    milestone_runs,
    paused_amount,
    run_values,
    warning_at,
)
from .working_time import (
    CLOCK_SECONDS,
    CLOCK_UNITS,
    COUNTINGS,
    UNITS,
    WORKING_UNITS,
    NoWorkingTime,
    WorkingTime,
    YearSchedule,
)
