from odoo import models


class ReportAppraisalXlsx(models.AbstractModel):
    """The appraisal of periods (or of selected cards) as XLSX: a sheet per period and
    template with one row per unit (rank, each item's score, deductions, bonuses,
    total) and a totals row, every item of every card with what it counted, and the
    ledger's deductions by unit and rule with their appeals (R003-45). The deductions
    column adds up to the ledger's confirmed points of those units in the period.

    The figures are those of the printed report (``helpdesk.appraisal.report``), read
    with the user's record rules, in the company's language.
    """

    _name = "report.helpdesk_utility_complaint.appraisal_period_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Appraisal XLSX"

    def get_workbook_options(self):
        return {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }

    def _packs(self, objs):
        return self.env["helpdesk.appraisal.report"]._packs_for_periods(objs)

    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
            ),
            "float": workbook.add_format({"num_format": "0.00"}),
            "total": workbook.add_format({"bold": True, "top": 1}),
            "total_float": workbook.add_format(
                {"bold": True, "top": 1, "num_format": "0.00"}
            ),
        }

    def generate_xlsx_report(self, workbook, data, objs):
        packs = self._packs(objs)
        if packs:
            self = self.with_context(lang=packs[0]["lang"])
        formats = self._formats(workbook)
        names = set()
        periods = [pack["period"] for pack in packs]
        for pack in packs:
            base = pack["period"].name
            if periods.count(pack["period"]) > 1 and pack["template"]:
                base = f"{base} {pack['template'].name}"
            self._write_cards(workbook, pack, formats, self._sheet_name(base, names))
        self._write_items(workbook, packs, formats)
        self._write_rules(workbook, packs, formats)

    def _sheet_name(self, base, names):
        """A unique sheet name of at most 31 characters."""
        for char in "[]:*?/\\":
            base = base.replace(char, " ")
        name = base[:31]
        index = 2
        while name in names:
            suffix = f" ({index})"
            name = base[: 31 - len(suffix)] + suffix
            index += 1
        names.add(name)
        return name

    def _write_cards(self, workbook, pack, formats, sheet_name):
        sheet = workbook.add_worksheet(sheet_name)
        template = pack["template"]
        items = (
            template.item_ids.sorted(lambda i: (i.sequence, i.id)) if template else []
        )
        is_year = pack["period"].period_type == "year"
        title = " ".join(
            part
            for part in (
                pack["company"].name,
                pack["title"],
                pack["period"].name,
                template.name if template else "",
            )
            if part
        )
        sheet.write_string(0, 0, title, formats["title"])
        header = [self.env._("Rank"), self.env._("Unit"), self.env._("Had Appeals")]
        header += [f"{item.code} {item.name}" for item in items]
        header += [
            self.env._("Base"),
            self.env._("Deductions"),
            self.env._("Bonuses"),
            self.env._("Total"),
        ]
        if is_year:
            header += [
                self.env._("Annual Result"),
                self.env._("Mean of the Months"),
                self.env._("Mean of the Quarters"),
            ]
        for col, label in enumerate(header):
            sheet.write_string(1, col, label, formats["header"])
            sheet.set_column(col, col, 22 if col == 1 else 12)
        sheet.freeze_panes(2, 2)
        yes, no = self.env._("Yes"), self.env._("No")
        first = len(items) + 3
        totals = [0.0] * len(header)
        row = 1
        for card_pack in pack["cards"]:
            row += 1
            card = card_pack["card"]
            scores = {
                line["line"].item_id.id: line["score"] for line in card_pack["lines"]
            }
            sheet.write_number(row, 0, card.rank)
            sheet.write_string(row, 1, card_pack["unit"])
            sheet.write_string(row, 2, yes if card.has_activity else no)
            values = [scores.get(item.id, 0.0) for item in items]
            values += [
                card.base_score,
                card.deduction_total,
                card.bonus_total,
                card.total,
            ]
            if is_year:
                values += [card.annual_result, card.month_mean, card.quarter_mean]
            for offset, value in enumerate(values):
                sheet.write_number(row, 3 + offset, value, formats["float"])
                totals[3 + offset] += value
        row += 1
        sheet.write_string(
            row,
            0,
            self.env._("Total: %(count)s units", count=len(pack["cards"])),
            formats["total"],
        )
        # Item scores, deductions and bonuses add up; bases and totals do not.
        summed = list(range(3, first)) + [first + 1, first + 2]
        for col in summed:
            sheet.write_number(row, col, round(totals[col], 2), formats["total_float"])

    def _write_items(self, workbook, packs, formats):
        sheet = workbook.add_worksheet(self.env._("Items"))
        header = [
            (self.env._("Period"), 10),
            (self.env._("Template"), 18),
            (self.env._("Rank"), 6),
            (self.env._("Unit"), 20),
            (self.env._("Dimension"), 14),
            (self.env._("Rule"), 12),
            (self.env._("Item"), 24),
            (self.env._("Weight"), 8),
            (self.env._("Measured"), 10),
            (self.env._("Numerator"), 10),
            (self.env._("Denominator"), 10),
            (self.env._("Deduction"), 10),
            (self.env._("Bonus"), 8),
            (self.env._("Score"), 8),
            (self.env._("Assessed"), 8),
            (self.env._("What It Counted"), 60),
        ]
        for col, (label, width) in enumerate(header):
            sheet.write_string(0, col, label, formats["header"])
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        yes, no = self.env._("Yes"), self.env._("No")
        row = 0
        for pack in packs:
            for card_pack in pack["cards"]:
                card = card_pack["card"]
                for line in card_pack["lines"]:
                    row += 1
                    texts = [
                        pack["period"].name,
                        card.template_id.name,
                        None,
                        card_pack["unit"],
                        line["dimension"],
                        line["code"],
                        line["name"],
                    ]
                    for col, text in enumerate(texts):
                        if text:
                            sheet.write_string(row, col, text)
                    sheet.write_number(row, 2, card.rank)
                    numbers = [
                        line["weight"],
                        line["value"],
                        line["numerator"],
                        line["denominator"],
                        line["deduction"],
                        line["bonus"],
                        line["score"],
                    ]
                    for offset, value in enumerate(numbers):
                        sheet.write_number(row, 7 + offset, value, formats["float"])
                    sheet.write_string(row, 14, yes if line["assessed"] else no)
                    sheet.write_string(row, 15, line["trace"])

    def _write_rules(self, workbook, packs, formats):
        sheet = workbook.add_worksheet(self.env._("Deductions by Rule"))
        header = [
            (self.env._("Period"), 10),
            (self.env._("Unit"), 20),
            (self.env._("Rule"), 12),
            (self.env._("Description"), 36),
            (self.env._("Lines"), 8),
            (self.env._("Points"), 10),
            (self.env._("Appeals"), 60),
        ]
        for col, (label, width) in enumerate(header):
            sheet.write_string(0, col, label, formats["header"])
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        row = 0
        total = 0.0
        for pack in packs:
            for card_pack in pack["cards"]:
                for entry in card_pack["rules"]:
                    row += 1
                    sheet.write_string(row, 0, pack["period"].name)
                    sheet.write_string(row, 1, card_pack["unit"])
                    sheet.write_string(row, 2, entry["code"] or "")
                    sheet.write_string(row, 3, entry["rule"] or "")
                    sheet.write_number(row, 4, entry["count"])
                    sheet.write_number(row, 5, entry["points"], formats["float"])
                    sheet.write_string(row, 6, ", ".join(entry["appeals"]))
                    total += entry["points"]
        row += 1
        sheet.write_string(row, 0, self.env._("Total"), formats["total"])
        sheet.write_number(row, 5, round(total, 2), formats["total_float"])


class ReportAppraisalScorecardXlsx(models.AbstractModel):
    """The same workbook for a selection of cards, grouped by period and template."""

    _name = "report.helpdesk_utility_complaint.appraisal_scorecard_xlsx"
    _inherit = "report.helpdesk_utility_complaint.appraisal_period_xlsx"
    _description = "Appraisal XLSX of Selected Scorecards"

    def _packs(self, objs):
        return self.env["helpdesk.appraisal.report"]._packs_for_cards(objs)
