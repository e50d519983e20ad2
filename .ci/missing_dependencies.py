"""Print the pip requirements this Python lacks to run the addon (and extra addons).

Usage: missing_dependencies.py REPO [ADDON...]

An addon counts as present when Odoo would find it without an --addons-path: in a
directory of ``odoo.addons.__path__`` (packaged installs, PyPI addons) or in the
``addons/`` directory beside the ``odoo`` package (a source checkout, which Odoo adds
to the path at start-up). Missing addons are requested from PyPI as
odoo-addon-<name>==19.0.*, together with their own dependencies, so only OCA addons
are ever asked of PyPI. Tested by test_missing_dependencies.py beside it.
"""

import ast
import importlib.metadata
import sys
from pathlib import Path


def addon_roots(namespace_dirs=None, odoo_dir=None):
    """The directories Odoo looks in for addons when no --addons-path is given.

    ``namespace_dirs``: the directories of the ``odoo.addons`` namespace:
    ``odoo/addons`` inside the package (every core addon on a packaged install, only
    ``base`` on a source checkout) and ``site-packages/odoo/addons`` for addons
    installed from PyPI.
    ``odoo_dir``: the ``odoo`` package of the server (Odoo's ``config.root_path``); a
    source checkout keeps its other core addons in ``addons/`` beside it
    (``config.addons_community_dir``). Both default to the installed Odoo.
    """
    if namespace_dirs is None:
        import odoo.addons

        namespace_dirs = odoo.addons.__path__
    if odoo_dir is None:
        from odoo.tools import config

        odoo_dir = config.root_path
    roots = [Path(path) for path in namespace_dirs]
    roots.append(Path(odoo_dir).parent / "addons")
    return [root for root in dict.fromkeys(roots) if root.is_dir()]


def find_addon(name, roots):
    for root in roots:
        if (root / name / "__manifest__.py").is_file():
            return root / name
    return None


def manifest_of(path):
    return ast.literal_eval((path / "__manifest__.py").read_text(encoding="utf-8"))


def missing_requirements(repo, extra_addons=(), roots=None):
    roots = addon_roots() if roots is None else roots
    manifest = manifest_of(repo)
    packages = list(manifest.get("external_dependencies", {}).get("python", []))
    requirements = repo / "test-requirements.txt"
    if requirements.exists():
        packages += requirements.read_text(encoding="utf-8").split()
    missing = []
    for addon in [*manifest["depends"], *extra_addons]:
        if find_addon(addon, roots) is None:
            missing.append(f"odoo-addon-{addon.replace('_', '-')}==19.0.*")
    for package in packages:
        try:
            importlib.metadata.distribution(package)
        except importlib.metadata.PackageNotFoundError:
            missing.append(package)
    return missing


if __name__ == "__main__":
    repo = Path(sys.argv[1])
    print(" ".join(missing_requirements(repo, sys.argv[2:])))
