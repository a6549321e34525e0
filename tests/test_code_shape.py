"""The codebase's shape, checked on every run: small modules, small functions, no cycles.

No module in extractor/ is over 500 lines and no function over 15 in cyclomatic complexity
(radon's measure): a function that needs more branches is usually two functions or a table.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from radon.complexity import cc_visit

PACKAGE = Path(__file__).resolve().parents[1] / "extractor"
MAX_LINES = 500
MAX_COMPLEXITY = 15
MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_short(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines (at most {MAX_LINES}): split it"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_functions_are_simple(path: Path) -> None:
    blocks = cc_visit(path.read_text(encoding="utf-8"))
    functions = [f for b in blocks for f in (b.methods if hasattr(b, "methods") else [b])]  # a class: its methods
    complex_ = [f"{f.fullname} ({f.complexity})" for f in functions if f.complexity > MAX_COMPLEXITY]
    assert not complex_, f"over {MAX_COMPLEXITY} in cyclomatic complexity: {', '.join(complex_)}"


def test_the_checks_catch_a_complex_function() -> None:
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(MAX_COMPLEXITY + 1))
    [block] = cc_visit(f"def f(x):\n{branches}    return -1\n")
    assert block.complexity > MAX_COMPLEXITY
