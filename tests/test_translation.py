import ast

import polib
from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import TranslationModuleReader

MODULE = "helpdesk_utility_complaint"


@tagged("post_install", "-at_install")
class TestTranslation(TransactionCase):
    """Users read the addon in Chinese: every term ships translated in i18n/zh_CN.po."""

    def test_every_term_has_a_chinese_translation(self):
        po = polib.pofile(file_path(f"{MODULE}/i18n/zh_CN.po"))
        translated = {
            entry.msgid for entry in po if entry.msgstr.strip() and not entry.obsolete
        }
        # Demo records are sample content (written in Chinese), not interface terms.
        with open(file_path(f"{MODULE}/__manifest__.py"), encoding="utf-8") as manifest:
            demo_files = ast.literal_eval(manifest.read())["demo"]
        demo_ids = {
            f"{MODULE}.{record.get('id')}"
            for path in demo_files
            for record in etree.parse(file_path(f"{MODULE}/{path}")).iter("record")
        }
        sources = {
            src
            for module, _type, _name, res_id, src, _value, _comments in (
                TranslationModuleReader(self.env.cr, modules=[MODULE])
            )
            if module == MODULE and src.strip() and res_id not in demo_ids
        }
        missing = sorted(sources - translated)
        self.assertFalse(
            missing, f"{len(missing)} terms lack a zh_CN translation: {missing[:20]}"
        )

    def test_chinese_ui(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            [MODULE], ["zh_CN"], overwrite=True
        )
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.assertEqual(env.ref(f"{MODULE}.menu_appeal_ledger").name, "诉求台账")
        fields_info = env["helpdesk.ticket"].fields_get(
            ["nature_id", "nature_kind", "platform_deadline"]
        )
        self.assertEqual(fields_info["nature_id"]["string"], "诉求性质")
        self.assertEqual(
            dict(fields_info["nature_kind"]["selection"])["complaint"], "投诉"
        )
        self.assertEqual(env.ref(f"{MODULE}.channel_12345").name, "12345政务服务热线")
        self.assertEqual(
            env.ref(f"{MODULE}.cat_heating_temperature").name, "室温不达标"
        )
        # Messages raised from Python reach the user in Chinese too.
        nature = env.ref(f"{MODULE}.nature_complaint")
        with self.assertRaises(ValidationError) as caught:
            env["helpdesk.ticket"].create(
                {
                    "name": "x",
                    "description": "<p>x</p>",
                    "nature_id": nature.id,
                    "channel_id": env.ref(f"{MODULE}.channel_12345").id,
                }
            )
        self.assertIn("平台工单号", str(caught.exception))
