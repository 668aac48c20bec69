"""The package's architecture, enforced: no import runs up a tier, modules stay small."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "fks_graph"

#: Each tier may import its own modules and those of lower tiers, never a higher one or a
#: sibling of the same rank (siblings stay independent). docs/architecture.md explains them.
TIERS: dict[str, int] = {
    "core": 0,
    "terms": 1,
    "registries": 1,
    "input": 2,
    "graph": 3,
    "synthetic": 3,
    "sparql": 4,
    "validate": 5,
    "analysis": 5,
    "store": 5,
    "viz": 6,
    "export": 6,
    "serve": 7,
}
#: The modules at the top wire the tiers together; only they may import anything.
TOP = {"__init__", "__main__", "cli", "pipeline", "notebook", "source"}
TOP_RANK = 8
MAX_LINES = 600
MAX_FUNCTION_LINES = 80


def _tier(module: str) -> str:
    """``fks_graph.input.read`` -> ``input``; a loose top-level module -> its own name."""
    return module.split(".")[1] if module.count(".") else "__init__"


def _rank(tier: str) -> int:
    return TOP_RANK if tier in TOP else TIERS[tier]


def _runs_up(tier: str, other: str) -> bool:
    """Whether a module of ``tier`` importing one of ``other`` breaks the order."""
    if tier == other or (tier in TOP and other in TOP):
        return False
    return _rank(other) >= _rank(tier)


@cache
def _modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _imports(module: str, path: Path) -> set[str]:
    """Every fks_graph module ``module`` imports, at any depth of its code (also lazy ones)."""
    found = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}".rstrip(".")
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("fks_graph.") and name in _modules()}


def _violations() -> list[str]:
    wrong = []
    for module, path in _modules().items():
        tier = _tier(module)
        for target in sorted(_imports(module, path)):
            other = _tier(target)
            if _runs_up(tier, other):
                wrong.append(f"{module} ({tier}) imports {target} ({other})")
    return wrong


def test_every_package_has_a_tier() -> None:
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    loose = {path.stem for path in PACKAGE.glob("*.py")}
    assert packages - TOP == set(TIERS)  # the command line is a package at the top
    assert loose <= TOP


def test_no_import_runs_up_a_tier() -> None:
    assert _violations() == []


def test_at_most_six_modules_loose_at_the_top() -> None:
    assert len(list(PACKAGE.glob("*.py"))) <= 6


@pytest.mark.parametrize("module", sorted(_modules()))
def test_no_module_over_600_lines(module: str) -> None:
    lines = len(_modules()[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines"


@cache
def _functions() -> dict[str, int]:
    """``module:function`` -> lines of its code without its docstring, for every function."""
    lengths = {}
    for module, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                body = node.body
                if (
                    body
                    and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)
                ):
                    body = body[1:] or body
                name = f"{module}:{node.name}"  # methods of the same name: the longest
                lengths[name] = max(lengths.get(name, 0), node.end_lineno - body[0].lineno + 1)
    return lengths


@pytest.mark.parametrize("function", sorted(_functions()))
def test_no_function_over_80_lines(function: str) -> None:
    lines = _functions()[function]
    assert lines <= MAX_FUNCTION_LINES, f"{function}: {lines} lines"


def test_no_query_on_a_store_or_graph_outside_the_sparql_tier() -> None:
    outside = [
        f"{module}:{node.lineno}"
        for module, path in _modules().items()
        if _tier(module) != "sparql"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "query"
    ]
    assert outside == []


_HTML_TAG = re.compile(
    r"<(html|head|body|div|p|table|tr|td|th|span|a|iframe|li|ul|ol|h[1-6]|section|svg|script"
    r"|style|img|input|button|form)[\s>]",
    re.IGNORECASE,
)


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module's code (docstrings left out), with their lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_html_comes_from_templates_only() -> None:
    """Pages are Jinja2 templates with autoescaping; no module writes HTML tags or escapes by hand."""
    tags = [
        f"{module}:{line}"
        for module, path in _modules().items()
        for line, text in _code_strings(path)
        if _HTML_TAG.search(text)
    ]
    escaping = [m for m, path in _modules().items() if "html" in _imported_stdlib(path)]
    assert tags == []
    assert escaping == ["fks_graph.core.templates"]


def _imported_stdlib(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found.add(node.module or "")
    return found


#: A measured figure: a time, a memory size measured at some scale, or a speed ratio.
_FIGURE = re.compile(
    r"\b\d[\d,.]*\s?(ms|s|seconds)\b(?!-)"
    r"|\b\d[\d,.]*\s?(MB|GB|MiB|GiB) (at|more|of memory)"
    r"|\b\d[\d.]*\s?(x|×|times)\s+(faster|slower)|\b\d[\d.]*x\b"
)


def _docstrings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        doc
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and (doc := ast.get_docstring(node)) is not None
    ]


def test_docstrings_carry_no_benchmark_figures() -> None:
    """Figures go stale in docstrings; bench/README.md keeps them with their date and machine."""
    found = [
        f"{module}: {match.group(0)!r}"
        for module, path in _modules().items()
        for doc in _docstrings(path)
        for match in _FIGURE.finditer(doc)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("runs in 7 s at 6,000 networks", True),
        ("some 50 ms per query", True),
        ("about 500 MB more memory", True),
        ("1.7x faster on two cores", True),
        ("2.5 times faster than", True),
        ("the 600-network set, 4-digit years, 128 MiB request limit", False),
    ],
)
def test_the_figure_pattern(text: str, figure: bool) -> None:
    assert bool(_FIGURE.search(text)) is figure


@pytest.mark.parametrize(
    ("module", "target", "wrong"),
    [
        ("fks_graph.input.contract", "fks_graph.graph.iris", True),
        ("fks_graph.input.read", "fks_graph.core.text", False),
        ("fks_graph.analysis.run", "fks_graph.store.target", True),  # siblings stay independent
        ("fks_graph.cli", "fks_graph.serve.endpoint", False),
        ("fks_graph.core.errors", "fks_graph", True),
    ],
)
def test_the_rule_itself(module: str, target: str, wrong: bool) -> None:
    assert _runs_up(_tier(module), _tier(target)) is wrong
