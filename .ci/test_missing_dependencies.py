"""Tests of missing_dependencies.py and ensure_dependencies (lib.sh), run by .ci/test.

Plain unittest on fake directory trees: no database, no network. Run alone with
``python3 .ci/test_missing_dependencies.py``; the last line is
``UNITTEST run=N failures=N errors=N skipped=N``.
"""

import importlib.metadata
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import missing_dependencies as md  # noqa: E402

CI = Path(__file__).resolve().parent
# A distribution every machine that runs these scripts has (pip installs the addons).
PRESENT_PACKAGE = "pip"
ABSENT_PACKAGE = "no-such-distribution-for-missing-dependencies-test"


class FakeTrees(unittest.TestCase):
    """Builds addons and an addon repository under a temporary directory."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = Path(self._tmp.name)
        self.addCleanup(self._tmp.cleanup)

    def addons(self, directory, *names):
        for name in names:
            path = self.tmp / directory / name
            path.mkdir(parents=True)
            (path / "__manifest__.py").write_text(repr({"name": name}))
        return self.tmp / directory

    def repo(self, depends, python=(), test_requirements=None):
        repo = self.tmp / "repo"
        repo.mkdir()
        manifest = {
            "name": "Addon under test",
            "depends": list(depends),
            "external_dependencies": {"python": list(python)},
        }
        (repo / "__manifest__.py").write_text(repr(manifest))
        if test_requirements is not None:
            (repo / "test-requirements.txt").write_text(test_requirements)
        return repo


class TestAddonRoots(FakeTrees):
    def test_packaged_layout_finds_core_addons_inside_the_odoo_package(self):
        """pip/deb install: every core addon is in odoo/addons; nothing beside it."""
        inside = self.addons("site-packages/odoo/addons", "base", "hr", "mail")
        roots = md.addon_roots([inside], self.tmp / "site-packages/odoo")
        self.assertEqual(roots, [inside])
        self.assertEqual(md.find_addon("hr", roots), inside / "hr")
        self.assertIsNone(md.find_addon("helpdesk_mgmt", roots))

    def test_source_checkout_finds_core_addons_beside_the_odoo_package(self):
        """git checkout: odoo/addons holds base only, the others are in addons/."""
        inside = self.addons("src/odoo/addons", "base")
        beside = self.addons("src/addons", "hr", "mail", "resource")
        pypi = self.addons("site-packages/odoo/addons", "helpdesk_mgmt")
        roots = md.addon_roots([pypi, inside], self.tmp / "src/odoo")
        self.assertEqual(roots, [pypi, inside, beside])
        self.assertEqual(md.find_addon("base", roots), inside / "base")
        self.assertEqual(md.find_addon("mail", roots), beside / "mail")
        self.assertEqual(md.find_addon("helpdesk_mgmt", roots), pypi / "helpdesk_mgmt")

    def test_a_directory_without_manifest_is_no_addon(self):
        inside = self.addons("odoo/addons", "base")
        (inside / "hr").mkdir()
        self.assertIsNone(md.find_addon("hr", md.addon_roots([inside], inside.parent)))

    def test_defaults_are_where_the_installed_odoo_looks(self):
        """Without arguments: odoo.addons' path and Odoo's addons_community_dir."""
        from odoo.tools import config

        import odoo.addons

        roots = md.addon_roots()
        for path in odoo.addons.__path__:
            if Path(path).is_dir():
                self.assertIn(Path(path), roots)
        community = Path(config.addons_community_dir)
        self.assertEqual(community in roots, community.is_dir())
        self.assertTrue(md.find_addon("base", roots), "base is always found")


class TestMissingRequirements(FakeTrees):
    DEPENDS = ["helpdesk_mgmt", "base_tier_validation", "hr", "mail", "resource"]

    def assertAsksOnlyFor(self, missing, expected):
        self.assertEqual(sorted(missing), sorted(expected))
        for requirement in missing:
            self.assertNotRegex(requirement, r"odoo-addon-(base|hr|mail|resource)==")

    def test_packaged_layout_asks_pypi_for_oca_addons_only(self):
        inside = self.addons("pkg/odoo/addons", "base", "hr", "mail", "resource")
        repo = self.repo(self.DEPENDS)
        missing = md.missing_requirements(
            repo, roots=md.addon_roots([inside], inside.parent)
        )
        self.assertAsksOnlyFor(
            missing,
            [
                "odoo-addon-helpdesk-mgmt==19.0.*",
                "odoo-addon-base-tier-validation==19.0.*",
            ],
        )

    def test_source_checkout_asks_pypi_for_oca_addons_only(self):
        inside = self.addons("src/odoo/addons", "base")
        self.addons("src/addons", "hr", "mail", "resource")
        pypi = self.addons("site/odoo/addons", "base_tier_validation")
        repo = self.repo(self.DEPENDS)
        roots = md.addon_roots([inside, pypi], inside.parent)
        self.assertAsksOnlyFor(
            md.missing_requirements(repo, roots=roots),
            ["odoo-addon-helpdesk-mgmt==19.0.*"],
        )

    def test_extra_addons_are_asked_for_when_missing(self):
        """ensure_dependencies helpdesk_mgmt_sla helpdesk_mgmt_rating (coexistence)."""
        inside = self.addons("pkg/odoo/addons", "base", "hr", "mail", "resource")
        pypi = self.addons("site/odoo/addons", "helpdesk_mgmt", "helpdesk_mgmt_sla")
        repo = self.repo(["helpdesk_mgmt", "hr"])
        roots = md.addon_roots([inside, pypi], inside.parent)
        self.assertAsksOnlyFor(
            md.missing_requirements(
                repo, ["helpdesk_mgmt_sla", "helpdesk_mgmt_rating"], roots=roots
            ),
            ["odoo-addon-helpdesk-mgmt-rating==19.0.*"],
        )

    def test_nothing_missing_asks_nothing(self):
        inside = self.addons("pkg/odoo/addons", "base", "hr", "helpdesk_mgmt")
        repo = self.repo(["helpdesk_mgmt", "hr"], python=[PRESENT_PACKAGE])
        roots = md.addon_roots([inside], inside.parent)
        self.assertEqual(md.missing_requirements(repo, roots=roots), [])

    def test_missing_python_packages_from_manifest_and_test_requirements(self):
        importlib.metadata.distribution(PRESENT_PACKAGE)  # the premise of the test
        inside = self.addons("pkg/odoo/addons", "base", "hr")
        repo = self.repo(
            ["hr"],
            python=[PRESENT_PACKAGE, ABSENT_PACKAGE],
            test_requirements=f"{PRESENT_PACKAGE}\n{ABSENT_PACKAGE}-two\n",
        )
        roots = md.addon_roots([inside], inside.parent)
        self.assertEqual(
            md.missing_requirements(repo, roots=roots),
            [ABSENT_PACKAGE, f"{ABSENT_PACKAGE}-two"],
        )

    def test_this_repository_needs_no_core_addon_from_pypi(self):
        """The real manifest against the installed Odoo: whatever is printed is an OCA
        addon of the manifest or a Python package, never a core addon."""
        repo = CI.parent
        manifest = md.manifest_of(repo)
        allowed = {
            f"odoo-addon-{name.replace('_', '-')}==19.0.*"
            for name in manifest["depends"]
            if name not in ("hr", "mail", "resource", "base", "web")
        }
        allowed |= set(manifest["external_dependencies"]["python"])
        allowed |= set((repo / "test-requirements.txt").read_text().split())
        output = subprocess.run(
            [sys.executable, str(CI / "missing_dependencies.py"), str(repo)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        self.assertLessEqual(set(output), allowed)


class TestEnsureDependencies(FakeTrees):
    """lib.sh's ensure_dependencies hands pip exactly what the script printed."""

    def run_ensure(self, printed):
        log = self.tmp / "pip.log"
        fake_python = self.tmp / "python"
        fake_python.write_text(
            textwrap.dedent(
                f"""\
                #!/bin/sh
                if [ "$1" = -m ]; then echo "$@" >>{log}; exit 0; fi
                echo "{printed}"
                """
            )
        )
        fake_python.chmod(0o755)
        subprocess.run(
            ["bash", "-c", f". {CI / 'lib.sh'}; ensure_dependencies extra_addon"],
            env=dict(os.environ, PYTHON=str(fake_python)),
            capture_output=True,
            check=True,
        )
        return log.read_text().split("\n")[:-1] if log.exists() else []

    def test_pip_installs_only_what_is_missing(self):
        missing = "odoo-addon-helpdesk-mgmt-sla==19.0.* chinesecalendar"
        self.assertEqual(
            self.run_ensure(missing), [f"-m pip install --quiet {missing}"]
        )

    def test_pip_is_not_called_when_nothing_is_missing(self):
        self.assertEqual(self.run_ensure(""), [])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    print(
        f"UNITTEST run={result.testsRun} failures={len(result.failures)} "
        f"errors={len(result.errors)} skipped={len(result.skipped)}",
        flush=True,
    )
    sys.exit(not result.wasSuccessful())
