import re
from collections import defaultdict

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import TranslationModuleReader

MODULE = "helpdesk_utility_complaint"
EXTRA_PO = f"{MODULE}/i18n_extra/zh_CN.po"
OWN_PO = f"{MODULE}/i18n/zh_CN.po"
UPSTREAM_POT = "helpdesk_mgmt/i18n/helpdesk_mgmt.pot"
RECORD_OCCURRENCE = ("model:", "model_terms:")
# Markup a translation must keep: tags, QWeb attributes, inline templates, placeholders.
MARKUP = re.compile(r"<[^>]+>|\{\{.*?\}\}|%\(\w+\)[sd]|%[sd]")


def record_occurrences(entry):
    return {
        occurrence
        for occurrence, _line in entry.occurrences
        if occurrence.startswith(RECORD_OCCURRENCE)
    }


@tagged("post_install", "-at_install")
class TestHelpdeskMgmtChinese(TransactionCase):
    """helpdesk_mgmt ships no zh_CN: its menus, fields, stages and views are
    translated by this addon's i18n_extra/zh_CN.po, which Odoo applies to
    helpdesk_mgmt's records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po = polib.pofile(file_path(EXTRA_PO))

    def _chinese_env(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            [MODULE], ["zh_CN"], overwrite=True
        )
        return self.env(context=dict(self.env.context, lang="zh_CN"))

    def test_helpdesk_mgmt_ui_in_chinese(self):
        env = self._chinese_env()
        self.assertEqual(
            env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu").name, "服务台"
        )
        self.assertEqual(env.ref("helpdesk_mgmt.helpdesk_ticket_menu").name, "工单")
        self.assertEqual(
            env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new").name, "新建"
        )
        self.assertEqual(
            env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").name, "已办结"
        )
        self.assertEqual(
            env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").name, "来电"
        )
        fields_info = env["helpdesk.ticket"].fields_get(
            ["priority", "stage_id", "team_id"]
        )
        self.assertEqual(fields_info["priority"]["string"], "优先级")
        self.assertEqual(fields_info["stage_id"]["string"], "阶段")
        self.assertEqual(fields_info["team_id"]["string"], "团队")
        self.assertEqual(
            dict(fields_info["priority"]["selection"]),
            {"0": "低", "1": "中", "2": "高", "3": "很高"},
        )
        arch = env["helpdesk.ticket"].get_view(
            view_id=env.ref("helpdesk_mgmt.ticket_view_form").id
        )["arch"]
        self.assertIn('string="分配给我"', arch)
        self.assertNotIn("Assign to me", arch)

    def test_fields_this_addon_relabels_keep_its_translation(self):
        # helpdesk_mgmt's partner_name "Partner Name" is relabelled "Complainant Name".
        env = self._chinese_env()
        fields_info = env["helpdesk.ticket"].fields_get(
            ["partner_name", "category_id", "channel_id"]
        )
        self.assertEqual(fields_info["partner_name"]["string"], "诉求人姓名")
        self.assertEqual(fields_info["category_id"]["string"], "诉求类别")
        self.assertEqual(fields_info["channel_id"]["string"], "受理渠道")

    def test_every_entry_is_translated(self):
        self.assertEqual(self.po.metadata.get("Language"), "zh_CN")
        self.assertEqual(self.po.metadata.get("Plural-Forms"), "nplurals=1; plural=0;")
        untranslated = [
            entry.msgid
            for entry in self.po
            if not entry.msgstr.strip() or entry.fuzzy or entry.obsolete
        ]
        self.assertFalse(
            untranslated,
            f"{len(untranslated)} entries lack a translation: {untranslated[:20]}",
        )
        useless = [entry.msgid for entry in self.po if not record_occurrences(entry)]
        self.assertFalse(
            useless,
            f"entries Odoo cannot apply from this module (code only): {useless[:20]}",
        )

    def test_covers_every_record_term_of_helpdesk_mgmt(self):
        """A helpdesk_mgmt upgrade with new or moved terms fails until translated."""
        ours = defaultdict(set)
        for entry in self.po:
            ours[entry.msgid] |= record_occurrences(entry)
        missing = [
            (entry.msgid, sorted(record_occurrences(entry) - ours[entry.msgid]))
            for entry in polib.pofile(file_path(UPSTREAM_POT))
            if record_occurrences(entry) - ours[entry.msgid]
        ]
        self.assertFalse(
            missing,
            f"{len(missing)} helpdesk_mgmt terms missing from {EXTRA_PO}: "
            f"{missing[:10]}",
        )

    def test_view_terms_match_installed_views(self):
        # A model_terms translation applies only if its msgid is a term of the arch.
        installed = {
            (f"model_terms:{name}:{res_id}", src)
            for module, kind, name, res_id, src, _value, _comments in (
                TranslationModuleReader(self.env.cr, modules=["helpdesk_mgmt"])
            )
            if module == "helpdesk_mgmt" and kind == "model_terms"
        }
        stale = sorted(
            (occurrence, entry.msgid)
            for entry in self.po
            for occurrence, _line in entry.occurrences
            if occurrence.startswith("model_terms:")
            and (occurrence, entry.msgid) not in installed
        )
        self.assertFalse(
            stale,
            f"{len(stale)} view terms no longer in helpdesk_mgmt's views: {stale[:10]}",
        )

    def test_markup_is_kept(self):
        broken = [
            entry.msgid
            for entry in self.po
            if sorted(MARKUP.findall(entry.msgid))
            != sorted(MARKUP.findall(entry.msgstr))
        ]
        self.assertFalse(
            broken, f"translations that change tags or placeholders: {broken}"
        )

    def test_records_reached_from_both_files_agree(self):
        """i18n/zh_CN.po and i18n_extra/zh_CN.po can name one record under two xmlids (a
        field of helpdesk.ticket this addon extends); they are loaded together and which
        value wins is then arbitrary, so both must carry the same translation."""
        values = defaultdict(dict)
        for path in (OWN_PO, EXTRA_PO):
            for entry in polib.pofile(file_path(path)):
                for occurrence in record_occurrences(entry):
                    if not occurrence.startswith("model:"):
                        continue
                    model_field, xmlid = occurrence[len("model:") :].split(":", 1)
                    res_id = self.env["ir.model.data"]._xmlid_to_res_id(xmlid)
                    if res_id:
                        values[model_field, res_id][f"{path}: {xmlid}"] = entry.msgstr
        conflicts = [found for found in values.values() if len(set(found.values())) > 1]
        self.assertFalse(
            conflicts, f"one record, different translations: {conflicts[:10]}"
        )
