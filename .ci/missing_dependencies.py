"""Print the pip requirements this Python lacks to run the addon (and optional extra addons).

Usage: missing_dependencies.py REPO [ADDON...]

An addon counts as present when Odoo would find it without an --addons-path: in a
directory of ``odoo.addons.__path__`` (packaged installs, PyPI addons) or in the
``addons/`` directory beside the ``odoo`` package (a source checkout, which Odoo adds to
the path at start-up). Missing addons are requested from PyPI as odoo-addon-<name>==19.0.*,
together with their own dependencies, so only OCA addons are ever asked of PyPI.
"""

import ast
import importlib.metadata
import sys
from pathlib import Path


def addon_roots():
    from odoo.tools import config

    import odoo.addons

    roots = [Path(path) for path in odoo.addons.__path__]
    roots.append(Path(config.addons_community_dir))
    return [root for root in roots if root.is_dir()]


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
