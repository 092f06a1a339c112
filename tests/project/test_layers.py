"""The apps' layers (docs/architecture.md), enforced with import-linter on the real import graph.

The contracts live in pyproject.toml ([tool.importlinter]): every app imports only from the
layers below it and nothing from an app beside it, so no import goes up and none closes a circle;
no app imports config; and the whistleblower scheme uses nothing of the case register except the
one documented exception named below.
"""

import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
CONTRACTS = {
    c["id"]: c for c in tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
}
# docs/whistleblower.md, "Starting set": the department editor copies the active centres once.
WHISTLEBLOWER_EXCEPTION = "ombud.whistleblower.services.classification -> ombud.cases.models"


def _layer_apps() -> set[str]:
    return {app.strip() for layer in CONTRACTS["layers"]["layers"] for app in layer.split("|")}


def test_the_code_keeps_every_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True) == 0


def test_every_app_has_a_layer() -> None:
    ours = {
        c.name.removeprefix("ombud.") for c in apps.get_app_configs() if c.name.startswith("ombud.")
    }
    assert ours | {"lib"} == _layer_apps()


def test_the_whistleblower_scheme_has_only_the_documented_exception() -> None:
    assert CONTRACTS["whistleblower-apart"]["ignore_imports"] == [WHISTLEBLOWER_EXCEPTION]


@pytest.mark.parametrize(
    ("importer", "imported", "status"),
    [
        ("portal", "cooperation", 0),  # down: allowed
        ("core", "accounts", 1),  # up
        ("cases", "cooperation", 1),  # up
        ("stats", "whistleblower", 1),  # sideways
        ("lib", "core", 1),  # up from the bottom
    ],
)
def test_the_layers_contract_refuses_an_import_up_or_sideways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, importer: str, imported: str, status: int
) -> None:
    """Our layers on a made-up package with one import between two apps."""
    for app in _layer_apps():
        package = tmp_path / "probe" / app
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(
            f"import probe.{imported}\n" if app == importer else "", encoding="utf-8"
        )
    (tmp_path / "probe" / "__init__.py").write_text("", encoding="utf-8")
    layers = ",\n".join(f'  "{layer}"' for layer in CONTRACTS["layers"]["layers"])
    config = tmp_path / "probe.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["probe"]\n\n[[tool.importlinter.contracts]]\n'
        'name = "probe layers"\ntype = "layers"\ncontainers = ["probe"]\n'
        f"layers = [\n{layers}\n]\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert lint_imports(config_filename=str(config), no_cache=True, no_logo=True) == status
