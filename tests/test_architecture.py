"""The house (docs/architecture.md): faces on top, the cycle below them, parts below that.

Read from the source with ``ast`` (imports inside functions included): no part imports the
cycle or a face, the cycle imports no face, and the web service and the scheduler import no
other face. The command line is the one launcher: ``hubb serve``, ``hubb schedule`` and
``hubb staff add`` start or administer the other faces, so it may import them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FACES = {"cli", "web", "scheduler"}
PARTS = {"hubb", "db", "scrapers", "matcher", "digest", "reports"}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


def modules(package: str):
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(PARTS))
def test_no_part_imports_the_cycle_or_a_face(package):
    for path in modules(package):
        wrong = imported_packages(path) & (FACES | {"cycle"})
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


def test_the_cycle_imports_no_face():
    for path in modules("cycle"):
        wrong = imported_packages(path) & FACES
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


@pytest.mark.parametrize("face", sorted(FACES - {"cli"}))
def test_no_face_but_the_command_line_imports_another(face):
    for path in modules(face):
        wrong = imported_packages(path) & (FACES - {face})
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"
