"""Finds the tests that read the real clock, so tests/project/test_clock_marks.py can require
them to be marked `clock_sensitive` (and so run again at the instants in tests/helpers/clock.py).

A test reads the clock when it calls `timezone.now()`, `timezone.localdate()` or
`timezone.localtime()` without an argument, `date.today()` or `datetime.now()` - directly, or
through a function of its own module.
"""

import ast
from pathlib import Path

CLOCK_CALLS = {"now", "today", "localdate", "localtime"}


def _reads_clock_directly(node: ast.AST) -> bool:
    for call in ast.walk(node):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in CLOCK_CALLS
            and not call.args
            and not call.keywords
        ):
            return True
    return False


def _called_names(node: ast.AST) -> set[str]:
    return {
        call.func.id
        for call in ast.walk(node)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
    }


def _is_marked(node: ast.FunctionDef | ast.ClassDef) -> bool:
    return any("clock_sensitive" in ast.unparse(d) for d in node.decorator_list)


def unmarked_clock_readers(path: Path) -> list[str]:
    """Names of the tests in `path` that read the clock and are not marked clock_sensitive."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_marked = any(
        isinstance(n, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in n.targets)
        and "clock_sensitive" in ast.unparse(n.value)
        for n in tree.body
    )
    if module_marked:
        return []
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    readers = {name for name, fn in functions.items() if _reads_clock_directly(fn)}
    changed = True
    while changed:  # helpers that call helpers that read the clock
        changed = False
        for name, fn in functions.items():
            if name not in readers and _called_names(fn) & readers:
                readers.add(name)
                changed = True
    return sorted(
        name for name in readers if name.startswith("test_") and not _is_marked(functions[name])
    )
