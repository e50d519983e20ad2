from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskMediaColumn(models.Model):
    """A media column whose verified exposure of an issue costs the responsible
    department points (R000-42). The list and its points are data; a column marked
    "points entered per exposure" (the source's 等, other columns) takes the points from
    each verdict."""

    _name = "helpdesk.media.column"
    _description = "Media Exposure Column"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the column between companies."
    )
    points = fields.Float(
        digits=(16, 2), help="Points a verified exposure by this column costs."
    )
    points_on_verdict = fields.Boolean(
        string="Points Entered per Exposure",
        help="The points are entered on each exposure verdict, for columns the rules "
        "do not name.",
    )
    description = fields.Text(translate=True)

    @api.constrains("points", "points_on_verdict")
    def _check_points(self):
        for column in self:
            if column.points < 0 or (
                not column.points_on_verdict and not column.points
            ):
                raise ValidationError(
                    self.env._(
                        "Give column “%(column)s” a positive number of points, or mark "
                        "its points as entered per exposure.",
                        column=column.name,
                    )
                )
