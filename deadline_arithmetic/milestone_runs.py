"""The runs of a milestone in an appeal's event log, and the values of each run.

An event is ``(code, occurred_at, stage_id)``, in time order; times are naive UTC
datetimes. Working time is a `WorkingTime`.
"""

from datetime import timedelta
from typing import NamedTuple

from .working_time import CLOCK_SECONDS


class MilestoneSpec(NamedTuple):
    """A milestone as plain values: the engine's inner loop runs per appeal and
    milestone, where reading records would dominate. Events are codes, pause stages
    ids."""

    id: int
    sequence: int
    start: str
    stops: frozenset
    cancels: frozenset
    duration: float
    unit: str
    counting: str
    warning_lead: float
    conditional: bool
    platform_override: bool
    pause_stages: frozenset
    recurring: bool
    restarts: frozenset
    end_outcome: str


def milestone_runs(spec, events):
    """The events of each run of a milestone, each list starting with its start event.

    A milestone runs from its first start event; a recurring one runs again from each
    start or restart event after the previous run stopped or was cancelled, e.g. the
    acceptance clock of a re-dispatch after a hand-back, or of a redo.
    """
    starts, ended = [], True
    for index, (code, _at, _stage) in enumerate(events):
        if ended and (code == spec.start or (starts and code in spec.restarts)):
            starts.append(index)
            if not spec.recurring:
                break
            ended = False
        elif starts and (code in spec.stops or code in spec.cancels):
            ended = True
    ends = [*starts[1:], len(events)][: len(starts)]
    return [events[begin:end] for begin, end in zip(starts, ends, strict=True)]


def run_values(
    spec, working_time, events, platform_deadline, extended_to, now, ended_at=None
):
    """The values of one run of a milestone: ``events`` start with its start event
    and end before the next run's.

    ``platform_deadline``: the appeal's, replacing the milestone's when it says so
    (R000-08); ``extended_to``: the deadline of an approved extension; ``ended_at``:
    when the appeal was closed or withdrawn, for a milestone that ends with it.
    """
    start = events[0][1]
    stop = next((at for code, at, _stage in events if code in spec.stops), None)
    cancelled = any(
        code in spec.cancels and (stop is None or at < stop)
        for code, at, _stage in events
    )
    base, provisional = working_time.deadline(
        start, spec.duration, spec.unit, spec.counting
    )
    deadline, overridden = base, False
    if spec.platform_override and platform_deadline:
        deadline, provisional, overridden = platform_deadline, False, True
    if extended_to:
        deadline = extended_to
    # A run without its stop event ends with the appeal.
    ended_at = not stop and not cancelled and ended_at
    end = stop or ended_at or now
    paused, paused_now = paused_amount(spec, working_time, events, end)
    if paused:
        deadline = shift(working_time, spec.unit, deadline, paused)
    warning = warning_at(working_time, spec, start, deadline)
    values = {
        "start_at": start,
        "base_deadline": base,
        "deadline": deadline,
        "warning_at": warning or False,
        "reached_at": stop or False,
        "provisional": provisional,
        "platform_overridden": overridden,
        "is_due_soon": False,
        "overdue_duration": 0.0,
        "overdue_working_days": 0,
        "ended_at": ended_at or False,
    }
    if cancelled:
        status = "cancelled"
    elif stop:
        status = "met" if stop <= deadline else "breached"
    elif ended_at:
        # Ending the appeal cannot undo a deadline that had already passed.
        late = not spec.conditional and ended_at > deadline
        status = "breached" if late or spec.end_outcome == "breached" else "cancelled"
    elif spec.conditional:
        status = "pending"
    elif paused_now:
        status = "paused"
    else:
        status = "breached" if now > deadline else "running"
        values["is_due_soon"] = status == "running" and bool(warning and now >= warning)
    values["status"] = status
    if status == "breached":
        overdue, overdue_days = working_time.overdue(deadline, end, spec.unit)
        values.update(
            overdue_duration=round(overdue, 2), overdue_working_days=overdue_days
        )
    return values


def paused_amount(spec, working_time, events, end):
    """Time spent in the milestone's pause stages from its start until ``end``.

    Returns (amount, paused at end): seconds for clock units, working hours otherwise.
    """
    if not spec.pause_stages:
        return 0, False
    amount, paused_since = 0, None
    for code, at, stage in events:
        if code != "stage_change" or at > end:
            continue
        if stage in spec.pause_stages and paused_since is None:
            paused_since = at
        elif stage not in spec.pause_stages and paused_since is not None:
            amount += measure(working_time, spec.unit, paused_since, at)
            paused_since = None
    if paused_since is not None:
        amount += measure(working_time, spec.unit, paused_since, end)
    return amount, paused_since is not None


def measure(working_time, unit, start, end):
    """Seconds from ``start`` to ``end`` for clock units, working hours otherwise."""
    if unit in CLOCK_SECONDS:
        return (end - start).total_seconds()
    return working_time.work_hours(start, end)


def shift(working_time, unit, deadline, amount):
    """``deadline`` moved by a pause of ``amount`` (see `measure`)."""
    if unit in CLOCK_SECONDS:
        return deadline + timedelta(seconds=amount)
    return working_time.deadline(deadline, amount, "working_hours")[0]


def warning_at(working_time, spec, start, deadline):
    """When to warn: the milestone's lead before ``deadline``, in its unit; for
    working units, that much working time before it, never before ``start``."""
    if not spec.warning_lead:
        return None
    if spec.unit in CLOCK_SECONDS:
        return deadline - timedelta(
            seconds=spec.warning_lead * CLOCK_SECONDS[spec.unit]
        )
    lead_hours = spec.warning_lead
    if spec.unit == "working_days":
        lead_hours = working_time.day_seconds(start, spec.warning_lead) / 3600
    budget = working_time.work_hours(start, deadline) - lead_hours
    return working_time.deadline(start, max(budget, 0), "working_hours")[0]
