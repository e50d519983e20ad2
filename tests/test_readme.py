import pathlib

from odoo.tests import TransactionCase, tagged

ROOT = pathlib.Path(__file__).resolve().parent.parent


@tagged("post_install", "-at_install")
class TestReadme(TransactionCase):
    def test_every_python_file_is_in_the_file_map(self):
        """The README's architecture stays true: its file map lists every file."""
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        missing = [
            str(path.relative_to(ROOT))
            for folder in ("models", "wizards", "reports")
            for path in sorted((ROOT / folder).glob("*.py"))
            if path.name != "__init__.py"
            and f"`{path.relative_to(ROOT)}`" not in readme
        ]
        self.assertFalse(
            missing, f"files missing from the README's file map: {missing}"
        )
