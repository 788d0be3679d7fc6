"""Size budgets (DEVELOPERS.md, issue 10): no module over 400 lines, no function over 50 lines, outside tests
and migrations. A module that outgrows the budget becomes a package; a function, well-named pieces.

A function is counted from its ``def`` line (decorators not included) to its last line, nested functions
inside it included; a module by its lines.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = frozenset({".venv", ".git", "tests", "migrations", "var", "node_modules", "test-artifacts"})
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def oversized(name: str, source: str) -> list[str]:
    """``name: N lines`` for the module, ``name:function (line L): N lines`` for each function, over budget."""
    found = []
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{name}: {lines} lines (module budget {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(
                    f"{name}:{node.name} (line {node.lineno}): {length} lines (function budget {MAX_FUNCTION_LINES})"
                )
    return found


def project_files() -> list[Path]:
    return sorted(
        path for path in ROOT.rglob("*.py") if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts[:-1])
    )


def test_the_walk_sees_the_apps_and_skips_tests_and_migrations():
    names = {path.relative_to(ROOT).as_posix() for path in project_files()}
    assert {"incidents/services/filing.py", "infrastructure/models.py", "bench/bench_filing.py"} <= names
    assert not any(name.startswith("tests/") or "/migrations/" in name for name in names)


def test_the_budgets_are_measured_as_documented():
    body = "".join(f"    x{index} = {index}\n" for index in range(49))
    at_budget = f"@decorator\ndef fits():\n{body}"  # def + 49 lines = 50, the decorator not counted
    over = f"async def too_long():\n{body}    return 1\n"  # 51
    assert oversized("m.py", at_budget) == []
    assert oversized("m.py", over) == ["m.py:too_long (line 1): 51 lines (function budget 50)"]
    assert oversized("m.py", "x = 1\n" * 400) == []
    assert oversized("m.py", "x = 1\n" * 401) == ["m.py: 401 lines (module budget 400)"]


def test_no_module_or_function_over_budget():
    found = [
        problem
        for path in project_files()
        for problem in oversized(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
    ]
    assert found == [], "Over the size budget (split into a package or well-named pieces):\n" + "\n".join(found)
