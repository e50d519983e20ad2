from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestReferenceData(TransactionCase):
    """The presets ship the reference data the rules name, as editable records."""

    def _codes(self, model, domain=None):
        return set(self.env[model].search(domain or []).mapped("code"))

    def test_r000_01_r002_01_r001_06_channels(self):
        """R000-01, R002-01, R001-06: every intake channel the seeds name exists."""
        expected = {
            "phone", "letter", "visit", "hotline_12345", "banyang_minsheng",
            "own_hotline", "website", "wechat", "weibo", "city_management",
            "conduct_review", "media", "referral", "live_stream", "inspection",
        }  # fmt: skip
        self.assertLessEqual(expected, self._codes("helpdesk.ticket.channel"))
        platforms = self._codes("helpdesk.ticket.channel", [("is_platform", "=", True)])
        self.assertEqual(
            platforms,
            {
                "hotline_12345",
                "banyang_minsheng",
                "city_management",
                "conduct_review",
                "referral",
            },
        )

    def test_r003_06_natures(self):
        """R000-01, R003-06: consultation, complaint, suggestion, help request, praise;
        and "to classify" for appeals that came in without the office (test_intake)."""
        natures = self.env["helpdesk.ticket.nature"].search([])
        self.assertEqual(
            set(natures.mapped("kind")),
            {
                "consultation",
                "complaint",
                "suggestion",
                "help",
                "praise",
                "to_classify",
            },
        )

    def test_r001_03_service_attitude_subcategories(self):
        """R001-03: four service-problem sub-categories, all counted as attitude."""
        service = self.env.ref("helpdesk_utility_complaint.cat_service")
        self.assertEqual(len(service.child_id), 4)
        self.assertTrue(all(service.child_id.mapped("is_service_attitude")))
        water = self.env.ref("helpdesk_utility_complaint.cat_water")
        self.assertFalse(any(water.child_id.mapped("is_service_attitude")))

    def test_r003_46_heating_categories_and_default_types(self):
        """R003-46: heating categories with their default petition types."""
        complaint = self.env.ref("helpdesk_utility_complaint.nature_complaint")
        consultation = self.env.ref("helpdesk_utility_complaint.nature_consultation")
        cat = {
            code: self.env["helpdesk.ticket.category"].search([("code", "=", code)])
            for code in (
                "heating_temperature", "heating_fee", "heating_metering",
                "heating_loss", "heating_pipe", "heating_linked_fault",
                "heating_policy",
            )
        }  # fmt: skip
        for code in ("heating_temperature", "heating_fee", "heating_metering"):
            self.assertEqual(cat[code].default_nature_id, complaint, code)
            self.assertFalse(cat[code].is_complex, code)
        self.assertTrue(cat["heating_loss"].is_emergency)
        self.assertEqual(cat["heating_loss"].default_nature_id, complaint)
        self.assertTrue(cat["heating_pipe"].is_complex)
        self.assertTrue(cat["heating_linked_fault"].is_complex)
        self.assertEqual(cat["heating_policy"].default_nature_id, consultation)
        heating = self.env.ref("helpdesk_utility_complaint.cat_heating")
        self.assertEqual(
            heating.child_id, self.env["helpdesk.ticket.category"].concat(*cat.values())
        )

    def test_r001_02_service_posts(self):
        """R001-02: eleven posts; representatives, area managers: the higher tier."""
        posts = self.env["hr.job"].search([("is_service_post", "=", True)])
        self.assertEqual(len(posts), 11)
        high = posts.filtered("is_star_tier_high")
        self.assertEqual(
            set(high.mapped("name")), {"Customer Representative", "Area Manager"}
        )

    def test_presets(self):
        """§7: three presets, never merged."""
        self.assertEqual(
            self._codes("helpdesk.complaint.preset"),
            {"water_company", "water_hotline", "heating"},
        )
