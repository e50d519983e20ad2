"""Plain tests of a milestone's runs and of the values of a run.

No database: events are ``(code, occurred_at, stage_id)`` tuples, the calendar is
data. Run alone with ``python3 deadline_arithmetic/tests/test_milestone_runs.py``;
``.ci/test`` runs it and counts each test.
"""

import sys
import unittest
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from deadline_arithmetic import MilestoneSpec, milestone_runs, run_values  # noqa: E402
from deadline_arithmetic.tests.calendar_data import bj, working_time  # noqa: E402

MONDAY = bj(2026, 3, 9, 9)
HOLD, HANDLING = 5, 6  # stage ids


def spec(**values):
    """R002-06's acceptance clock unless told otherwise: 3 minutes from dispatch."""
    defaults = {
        "id": 1,
        "sequence": 10,
        "start": "dispatch",
        "stops": frozenset({"acceptance"}),
        "cancels": frozenset(),
        "duration": 3,
        "unit": "minutes",
        "counting": "event",
        "warning_lead": 0,
        "conditional": False,
        "platform_override": False,
        "pause_stages": frozenset(),
        "recurring": False,
        "restarts": frozenset(),
        "end_outcome": "cancelled",
    }
    return MilestoneSpec(**(defaults | values))


def at(minutes):
    return MONDAY + timedelta(minutes=minutes)


def event(code, minutes, stage=None):
    return (code, at(minutes), stage)


class TestRuns(unittest.TestCase):
    def test_no_run_before_the_start(self):
        self.assertEqual(milestone_runs(spec(), [event("receipt", 0)]), [])

    def test_a_milestone_runs_once_from_its_first_start(self):
        events = [
            event("receipt", 0),
            event("dispatch", 1),
            event("acceptance", 2),
            event("dispatch", 3),
        ]
        self.assertEqual(milestone_runs(spec(), events), [events[1:]])

    def test_r002_06_a_recurring_milestone_runs_again_after_it_stopped(self):
        events = [
            event("dispatch", 1),
            event("acceptance", 2),
            event("dispatch", 3),
            event("acceptance", 4),
        ]
        self.assertEqual(
            milestone_runs(spec(recurring=True), events), [events[:2], events[2:]]
        )

    def test_a_start_while_running_is_no_new_run(self):
        events = [event("dispatch", 1), event("dispatch", 2), event("acceptance", 3)]
        self.assertEqual(milestone_runs(spec(recurring=True), events), [events])

    def test_r002_22_a_restart_event_runs_it_again_once_a_run_ended(self):
        events = [
            event("redo", 0),
            event("dispatch", 1),
            event("acceptance", 2),
            event("redo", 3),
            event("acceptance", 4),
        ]
        redone = spec(recurring=True, restarts=frozenset({"redo"}))
        self.assertEqual(milestone_runs(redone, events), [events[1:3], events[3:]])

    def test_a_cancelled_run_ends_too(self):
        events = [event("dispatch", 1), event("on_spot", 2), event("dispatch", 3)]
        cancelled = spec(recurring=True, cancels=frozenset({"on_spot"}))
        self.assertEqual(milestone_runs(cancelled, events), [events[:2], events[2:]])


class TestRunValues(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.time, _years = working_time(confirmed={2026})

    def values(self, milestone, events, now, **kwargs):
        return run_values(
            milestone,
            self.time,
            events,
            kwargs.get("platform_deadline"),
            kwargs.get("extended_to"),
            now,
            kwargs.get("ended_at"),
        )

    def test_met_in_time(self):
        values = self.values(
            spec(), [event("dispatch", 0), event("acceptance", 2)], at(60)
        )
        self.assertEqual(values["status"], "met")
        self.assertEqual(values["start_at"], at(0))
        self.assertEqual(values["deadline"], at(3))
        self.assertEqual(values["base_deadline"], at(3))
        self.assertEqual(values["reached_at"], at(2))
        self.assertEqual(
            (values["overdue_duration"], values["overdue_working_days"]), (0.0, 0)
        )

    def test_c05_breached_by_a_late_stop(self):
        values = self.values(
            spec(), [event("dispatch", 0), event("acceptance", 5)], at(60)
        )
        self.assertEqual(values["status"], "breached")
        self.assertEqual(
            (values["overdue_duration"], values["overdue_working_days"]), (2.0, 1)
        )

    def test_running_due_soon_then_breached(self):
        warned = spec(warning_lead=1)
        events = [event("dispatch", 0)]
        values = self.values(warned, events, at(2.5))
        self.assertEqual(values["warning_at"], at(2))
        self.assertEqual((values["status"], values["is_due_soon"]), ("running", True))
        values = self.values(warned, events, at(1))
        self.assertEqual((values["status"], values["is_due_soon"]), ("running", False))
        values = self.values(warned, events, at(4))
        self.assertEqual((values["status"], values["is_due_soon"]), ("breached", False))
        self.assertEqual(values["overdue_duration"], 1.0)

    def test_r000_12_warning_lead_in_working_days(self):
        """An eighth of a working day before the end of the next working day: an
        eighth of the starting day's 8 hours, counted back in working time."""
        reply = spec(
            start="receipt",
            stops=frozenset({"reply"}),
            duration=1,
            unit="working_days",
            counting="next_day",
            warning_lead=0.125,
        )
        values = self.values(reply, [("receipt", bj(2026, 3, 9, 10), None)], MONDAY)
        self.assertEqual(values["deadline"], bj(2026, 3, 10, 17))
        self.assertEqual(values["warning_at"], bj(2026, 3, 10, 16))
        self.assertFalse(values["provisional"])

    def test_paused_in_a_stage_moves_the_deadline(self):
        """Time in a pause stage is added to the deadline in working time."""
        held = spec(duration=8, unit="working_hours", pause_stages=frozenset({HOLD}))
        events = [
            ("dispatch", bj(2026, 3, 9, 9), None),
            ("stage_change", bj(2026, 3, 9, 10), HOLD),
            ("stage_change", bj(2026, 3, 9, 14), HANDLING),
        ]
        values = self.values(held, events, bj(2026, 3, 9, 15))
        self.assertEqual(values["base_deadline"], bj(2026, 3, 10, 9))
        self.assertEqual(values["deadline"], bj(2026, 3, 10, 12))
        self.assertEqual(values["status"], "running")
        values = self.values(held, events[:2], bj(2026, 3, 9, 15))
        self.assertEqual(values["deadline"], bj(2026, 3, 10, 14))
        self.assertEqual(values["status"], "paused")

    def test_ended_with_the_appeal_as_the_milestone_says(self):
        """Issue 8 item 2: a run without its stop ends with the appeal: not needed or
        breached as its milestone says; a deadline already passed stays breached."""
        events = [event("dispatch", 0)]
        values = self.values(spec(), events, at(60), ended_at=at(1))
        self.assertEqual((values["status"], values["ended_at"]), ("cancelled", at(1)))
        values = self.values(
            spec(end_outcome="breached"), events, at(60), ended_at=at(1)
        )
        self.assertEqual(
            (values["status"], values["overdue_working_days"]), ("breached", 0)
        )
        values = self.values(spec(), events, at(60), ended_at=at(10))
        self.assertEqual(values["status"], "breached")
        self.assertEqual(values["overdue_duration"], 7.0, "late up to the end only")
        values = self.values(spec(conditional=True), events, at(60), ended_at=at(10))
        self.assertEqual(values["status"], "cancelled")

    def test_a_stopped_run_keeps_its_outcome_when_the_appeal_ends(self):
        events = [event("dispatch", 0), event("acceptance", 2)]
        values = self.values(spec(), events, at(60), ended_at=at(30))
        self.assertEqual((values["status"], values["ended_at"]), ("met", False))

    def test_r000_04_not_needed_after_a_cancel_event(self):
        events = [event("dispatch", 0), event("on_spot", 1), event("acceptance", 9)]
        values = self.values(spec(cancels=frozenset({"on_spot"})), events, at(60))
        self.assertEqual(values["status"], "cancelled")

    def test_r002_13_conditional_counts_only_when_it_stops(self):
        handback = spec(conditional=True)
        self.assertEqual(
            self.values(handback, [event("dispatch", 0)], at(60))["status"], "pending"
        )
        late = [event("dispatch", 0), event("acceptance", 4)]
        self.assertEqual(self.values(handback, late, at(60))["status"], "breached")

    def test_r000_08_the_platform_deadline_overrides(self):
        platform = at(120)
        overridden = self.values(
            spec(platform_override=True),
            [event("dispatch", 0), event("acceptance", 60)],
            at(90),
            platform_deadline=platform,
        )
        self.assertEqual(overridden["deadline"], platform)
        self.assertEqual(overridden["base_deadline"], at(3))
        self.assertTrue(overridden["platform_overridden"])
        self.assertEqual(overridden["status"], "met")
        ignored = self.values(
            spec(), [event("dispatch", 0)], at(1), platform_deadline=platform
        )
        self.assertEqual(ignored["deadline"], at(3))
        self.assertFalse(ignored["platform_overridden"])

    def test_c02_a_platform_deadline_is_never_provisional(self):
        receipt = spec(
            start="receipt",
            stops=frozenset({"reply"}),
            duration=3,
            unit="working_days",
            counting="next_day",
            platform_override=True,
        )
        events = [("receipt", bj(2026, 12, 30, 10), None)]
        now = bj(2026, 12, 30, 11)
        self.assertTrue(self.values(receipt, events, now)["provisional"])
        platform = self.values(receipt, events, now, platform_deadline=bj(2027, 1, 8))
        self.assertFalse(platform["provisional"])

    def test_r002_18_an_approved_extension_moves_the_deadline(self):
        values = self.values(
            spec(),
            [event("dispatch", 0), event("acceptance", 20)],
            at(60),
            extended_to=at(30),
        )
        self.assertEqual((values["deadline"], values["status"]), (at(30), "met"))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    # The totals .ci/test counts, on the standard output it reads.
    print(  # pylint: disable=print-used
        f"UNITTEST run={result.testsRun} failures={len(result.failures)} "
        f"errors={len(result.errors)} skipped={len(result.skipped)}",
        flush=True,
    )
    sys.exit(not result.wasSuccessful())
