from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ComplaintCase

# Naive UTC datetimes, as Odoo stores them; the complaint desk works in Beijing time
# (UTC+8).


def utc(text):
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestRepeat(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.preset = cls.company.complaint_preset_id
        cls.water_quality = cls.env.ref("helpdesk_utility_complaint.cat_water_quality")
        Partner = cls.env["res.partner"]
        cls.wang = Partner.create({"name": "王女士"})
        cls.li = Partner.create({"name": "李先生"})

    def _received(self, when, **values):
        with freeze_time(when):
            return self._appeal(received_at=utc(when), **values)

    def test_r003_32_shipped_numbers(self):
        """R003-32: 30 calendar days, complaints and help requests."""
        self.assertEqual(self.preset.repeat_window_days, 30)
        self.assertEqual(
            set(self.preset.repeat_nature_ids.mapped("kind")), {"complaint", "help"}
        )

    def test_r003_32_day_30_is_in_day_31_is_out(self):
        """R003-32, C-03, C-05: 30 calendar days from the day after the earlier receipt,
        in Beijing time: 2026-03-02 10:00 -> day 30 ends 2026-04-01 24:00 Beijing."""
        first = self._received("2026-03-02 02:00:00", complainant_phone="13905330001")
        on_day_30 = self._received(
            "2026-04-01 15:59:00", complainant_phone="13905330001"
        )
        self.assertEqual(on_day_30.repeat_of_id, first)
        self.assertEqual(on_day_30.repeat_chain_count, 2)
        self.assertFalse(on_day_30.repeat_manual)

        other = self._received("2026-03-02 02:00:00", complainant_phone="13905330002")
        # 2026-04-01 16:01 UTC is already 2026-04-02 00:01 in Beijing: day 31.
        on_day_31 = self._received(
            "2026-04-01 16:01:00", complainant_phone="13905330002"
        )
        self.assertFalse(on_day_31.repeat_of_id)
        self.assertEqual(on_day_31.repeat_chain_count, 1)
        self.assertFalse(other.repeat_of_id)

    def test_r003_32_chain_links_to_the_latest_appeal_in_window(self):
        """R003-32: the window counts from the previous appeal of the chain."""
        first = self._received("2026-03-02 02:00:00", complainant_phone="13905330003")
        second = self._received("2026-03-22 02:00:00", complainant_phone="13905330003")
        third = self._received("2026-04-15 02:00:00", complainant_phone="13905330003")
        self.assertEqual(second.repeat_of_id, first)
        self.assertEqual(
            third.repeat_of_id, second, "44 days after the first, 24 after the second"
        )
        self.assertEqual(third.repeat_chain_count, 3)
        self.assertEqual(first.repeat_count, 1)

    def test_r003_32_a_batch_links_in_one_go(self):
        """Registering several appeals at once links them to each other."""
        vals = {
            "name": "水压低",
            "description": "<p>x</p>",
            "channel_id": self.phone.id,
            "nature_id": self.complaint.id,
            "category_id": self.low_pressure.id,
            "complainant_phone": "13905330004",
        }
        with freeze_time("2026-03-10 02:00:00"):
            first, second, third = (
                self.env["helpdesk.ticket"]
                .with_user(self.office_user)
                .create(
                    [
                        dict(vals, received_at=utc("2026-03-01 02:00:00")),
                        dict(vals, received_at=utc("2026-03-05 02:00:00")),
                        dict(vals, received_at=utc("2026-03-09 02:00:00")),
                    ]
                )
            )
        self.assertFalse(first.repeat_of_id)
        self.assertEqual(second.repeat_of_id, first)
        self.assertEqual(third.repeat_of_id, second)
        self.assertEqual(third.repeat_chain_count, 3)

    def test_r003_32_same_contact_or_same_phone(self):
        """R003-32: the same contact is the same customer whatever phone they call from;
        two contacts sharing a phone are not; without a contact the phone decides,
        however it is written."""
        first = self._received(
            "2026-03-02 02:00:00",
            partner_id=self.wang.id,
            complainant_phone="13905330005",
        )
        other_phone = self._received(
            "2026-03-03 02:00:00",
            partner_id=self.wang.id,
            complainant_phone="13905339999",
        )
        self.assertEqual(other_phone.repeat_of_id, first)
        shared_phone = self._received(
            "2026-03-04 02:00:00",
            partner_id=self.li.id,
            complainant_phone="13905330005",
        )
        self.assertFalse(shared_phone.repeat_of_id, "another contact on the same phone")

        anonymous = self._received(
            "2026-03-02 02:00:00", complainant_phone="0533-2345678"
        )
        again = self._received(
            "2026-03-05 02:00:00", complainant_phone="+86 0533 2345678"
        )
        self.assertEqual(again.repeat_of_id, anonymous)
        self.assertEqual(again.sudo().complainant_phone_key, "05332345678")

    def test_r003_32_other_category_or_nature_is_not_a_repeat(self):
        """R003-32: same problem means same category; consultations do not count."""
        self._received("2026-03-02 02:00:00", complainant_phone="13905330006")
        other_category = self._received(
            "2026-03-03 02:00:00",
            complainant_phone="13905330006",
            category_id=self.water_quality.id,
            nature_id=self.complaint.id,
        )
        self.assertFalse(other_category.repeat_of_id)
        consultation = self._received(
            "2026-03-04 02:00:00",
            complainant_phone="13905330006",
            nature_id=self.consultation.id,
        )
        self.assertFalse(consultation.repeat_of_id)

    def test_r003_32_corrections_relink(self):
        """Correcting the category of an earlier appeal unlinks the appeals that
        repeated it; correcting a phone links the appeal to its earlier one."""
        first = self._received("2026-03-02 02:00:00", complainant_phone="13905330007")
        second = self._received("2026-03-03 02:00:00", complainant_phone="13905330007")
        self.assertEqual(second.repeat_of_id, first)
        with freeze_time("2026-03-04 02:00:00"):
            first.with_user(self.office_user).write(
                {"category_id": self.water_quality.id, "nature_id": self.complaint.id}
            )
        self.assertFalse(second.repeat_of_id)
        third = self._received("2026-03-05 02:00:00", complainant_phone="13905330000")
        self.assertFalse(third.repeat_of_id)
        with freeze_time("2026-03-06 02:00:00"):
            third.with_user(self.office_user).complainant_phone = "139 0533 0007"
        self.assertEqual(third.repeat_of_id, second)

    def test_r003_32_links_set_by_hand_are_kept(self):
        """R003-32: the system proposes, staff confirm; a link set or removed by hand is
        never overwritten by detection, until staff ask for detection again."""
        first = self._received("2026-03-02 02:00:00", complainant_phone="13905330008")
        second = self._received("2026-03-03 02:00:00", complainant_phone="13905330008")
        self.assertEqual(second.repeat_of_id, first)
        as_office = second.with_user(self.office_user)
        with freeze_time("2026-03-04 02:00:00"):
            as_office.repeat_of_id = False
            self.assertTrue(second.repeat_manual)
            as_office.write(
                {"category_id": self.water_quality.id, "nature_id": self.complaint.id}
            )
            as_office.write(
                {"category_id": self.low_pressure.id, "nature_id": self.complaint.id}
            )
        self.assertFalse(second.repeat_of_id, "removed by hand, not relinked")

        unrelated = self._received(
            "2026-03-01 02:00:00", complainant_phone="13905331111"
        )
        third = self._received(
            "2026-03-05 02:00:00",
            complainant_phone="13905330008",
            repeat_of_id=unrelated.id,
        )
        self.assertTrue(third.repeat_manual)
        self.assertEqual(
            third.repeat_of_id, unrelated, "linked by hand at registration"
        )
        with freeze_time("2026-03-06 02:00:00"):
            third.with_user(self.office_user).complainant_phone = "13905330009"
        self.assertEqual(third.repeat_of_id, unrelated)

        with freeze_time("2026-03-06 02:00:00"):
            second.with_user(self.office_user).action_detect_repeat()
        self.assertFalse(second.repeat_manual)
        self.assertEqual(second.repeat_of_id, first)
