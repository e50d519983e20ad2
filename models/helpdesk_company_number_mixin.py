from odoo import api, models


class HelpdeskCompanyNumberMixin(models.AbstractModel):
    """Readable numbers per company that restart every year, e.g. DB2026-0001.

    The sequence of a company is created the first time it numbers a record, so a new
    company needs no set-up; `_create_company_number_sequences` creates them ahead for
    the companies that exist when the addon is installed.
    """

    _name = "helpdesk.company.number.mixin"
    _description = "Numbered per Company"

    # Set by the models that use the mixin.
    _company_number_code = None
    _company_number_prefix = None
    _company_number_padding = 4

    def _company_number_sequence_name(self, company):
        return self.env._(
            "%(model)s number (%(company)s)",
            model=self._description,
            company=company.name,
        )

    @api.model
    def _create_company_number_sequences(self):
        # Every company gets its sequence; companies are a handful.
        # pylint: disable-next=no-search-all
        companies = self.env["res.company"].sudo().search([])
        self._company_number_sequences(companies)

    @api.model
    def _company_number_sequences(self, companies):
        """The numbering sequence of each company, created when missing."""
        Sequence = self.env["ir.sequence"].sudo()
        existing = {
            sequence.company_id: sequence
            for sequence in Sequence.search(
                [
                    ("code", "=", self._company_number_code),
                    ("company_id", "in", companies.ids),
                ]
            )
        }
        missing = companies.filtered(lambda company: company not in existing)
        created = Sequence.create(
            [
                {
                    "name": self._company_number_sequence_name(company),
                    "code": self._company_number_code,
                    "company_id": company.id,
                    "prefix": self._company_number_prefix,
                    "padding": self._company_number_padding,
                    "use_date_range": True,
                }
                for company in missing
            ]
        )
        existing.update(zip(missing, created, strict=True))
        return existing

    @api.model
    def _vals_company(self, vals):
        """The company a record about to be created with ``vals`` belongs to."""
        return self.env["res.company"].browse(
            vals.get("company_id") or self.env.company.id
        )

    @api.model
    def _assign_company_numbers(self, vals_list):
        """Give each record about to be created the next number of its company."""
        companies = self.env["res.company"].browse(
            [self._vals_company(vals).id for vals in vals_list]
        )
        for vals, number in zip(
            vals_list, self._next_company_numbers(companies), strict=True
        ):
            vals["name"] = number

    @api.model
    def _next_company_numbers(self, companies):
        """One new number per company in ``companies`` (a recordset, may repeat)."""
        sequences = self._company_number_sequences(companies | companies.browse())
        return [sequences[company]._next() for company in companies]
