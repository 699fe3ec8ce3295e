"""The shape of the deckgen package, checked from its source with ``ast`` (nothing is imported).

Each test collects every offender before it asserts, so one run lists them all.

* **No import cycles** among deckgen modules. Every import counts: at module level, inside
  functions, and under ``if TYPE_CHECKING:``; a cycle that only type checking or a late import
  survives is still two modules that cannot be understood apart. A package's ``__init__.py`` is a
  module of its own (``deckgen.charts``). ``from deckgen.charts import model`` depends on the
  submodule ``deckgen.charts.model`` when there is one, otherwise on the package ``deckgen.charts``.
  Importing ``deckgen.charts.model`` is *not* counted as depending on ``deckgen.charts`` as well:
  Python runs the package's ``__init__`` first, but that is how every package works, not a design
  choice.
* **No module over 400 lines** (physical lines, comments and blank lines included).
* **No function over 60 lines**, counted from its ``def`` line to its last line (decorators left
  out; docstring, comments, blank lines and nested functions included), unless its docstring
  contains the word "long" (whole word, any case) in a sentence that says why, e.g. "Long because
  each of the nine slide kinds is one short branch; splitting them hides the dispatch."
* **Third-party drawing libraries stay in their layer**: only ``deckgen/render/`` imports ``pptx``
  and only ``deckgen/charts/`` imports ``matplotlib`` (any import, anywhere in a module).
  ``deckgen/plan/`` imports neither, and importing any of its modules does not load either by way
  of other deckgen modules (following only the imports that run at import time, so a chart module
  may still import matplotlib inside the function that draws).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "deckgen"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LONG_EXCUSE = re.compile(r"\blong\b", re.IGNORECASE)
# Third-party top-level package -> the one deckgen folder allowed to import it.
CONFINED = {"pptx": "deckgen/render/", "matplotlib": "deckgen/charts/"}
RENDERER_FREE = "deckgen/plan/"


@dataclass
class Module:
    name: str  # deckgen.charts.draw; a package is named after its folder: deckgen.charts
    path: Path
    is_package: bool
    tree: ast.Module
    lines: int
    deckgen_imports: dict[str, int] = field(default_factory=dict)  # module -> first line importing it
    external_imports: dict[str, int] = field(default_factory=dict)  # top-level package -> line
    eager: set[str] = field(default_factory=set)  # the above, imported when this module is imported

    @property
    def relpath(self) -> str:
        return self.path.relative_to(ROOT).as_posix()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Module]:
    """Every module under deckgen/, with its imports resolved to deckgen modules where they are ours."""
    found: dict[str, Module] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = _module_name(path)
        found[name] = Module(
            name, path, path.name == "__init__.py", ast.parse(text, str(path)), len(text.splitlines())
        )
    assert "deckgen" in found and len(found) > 20, f"found only {sorted(found)} under {PACKAGE}"
    for module in found.values():
        for target, line, eager in _imports(module, found):
            if target.split(".")[0] == "deckgen":
                module.deckgen_imports.setdefault(target, line)
            else:
                target = target.split(".")[0]
                module.external_imports.setdefault(target, line)
            if eager:
                module.eager.add(target)
    return found


def _imports(module: Module, known: dict[str, Module]) -> Iterator[tuple[str, int, bool]]:
    """(imported module, line, eager) for every import statement anywhere in ``module``.

    ``eager`` imports run when the module is imported: not inside a function, not under
    ``if TYPE_CHECKING:``.
    """
    for node, eager in _import_nodes(module.tree, eager=True):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield _nearest(alias.name, known), node.lineno, eager
        else:
            base = _absolute(node, module)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if alias.name != "*" and candidate in known:
                    yield candidate, node.lineno, eager  # a submodule: ``from deckgen.charts import model``
                else:
                    yield _nearest(base, known), node.lineno, eager  # a name from the module itself


def _import_nodes(node: ast.AST, *, eager: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, eager
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _import_nodes(child, eager=False)
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.body:
                yield from _import_nodes(ast.Module([statement], []), eager=False)
            for statement in child.orelse:
                yield from _import_nodes(ast.Module([statement], []), eager=eager)
        else:
            yield from _import_nodes(child, eager=eager)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _absolute(node: ast.ImportFrom, module: Module) -> str:
    if not node.level:
        return node.module or ""
    package = module.name.split(".")
    if not module.is_package:
        package.pop()
    if node.level > 1:
        package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, *([node.module] if node.module else [])])


def _nearest(name: str, known: dict[str, Module]) -> str:
    """``name`` itself if it is one of our modules, else its longest known parent, else unchanged."""
    if name.split(".")[0] != "deckgen":
        return name
    parts = name.split(".")
    while parts and ".".join(parts) not in known:
        parts.pop()
    return ".".join(parts) if parts else name


# --- import cycles ------------------------------------------------------------------------


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively; components in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def _shortest_cycle(graph: dict[str, set[str]], start: str, within: set[str]) -> list[str]:
    """The shortest path from ``start`` back to itself inside one strongly connected component."""
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & within):
            if child == start:
                return [*paths[node], start]
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    raise AssertionError(f"{start} is in no cycle")


def import_cycles() -> list[str]:
    """One entry per cycle: its modules, the shortest loop, and every import between its modules."""
    found = modules()
    graph = {name: set(m.deckgen_imports) & set(found) for name, m in found.items()}
    report = []
    for component in _strongly_connected(graph):
        members = set(component)
        if len(component) == 1 and component[0] not in graph[component[0]]:
            continue
        loop = " -> ".join(_shortest_cycle(graph, component[0], members))
        edges = [
            f"{found[a].relpath}:{found[a].deckgen_imports[b]} imports {b}"
            for a in component
            for b in sorted(graph[a] & members)
        ]
        report.append(
            f"{len(component)} modules: {', '.join(component)}\n    shortest loop: {loop}\n    "
            + "\n    ".join(edges)
        )
    return report


def test_no_import_cycles() -> None:
    cycles = import_cycles()
    assert not cycles, "import cycles among deckgen modules:\n  " + "\n  ".join(cycles)


def test_cycle_finder_finds_cycles() -> None:
    """The finder itself, on a graph with two cycles, a self-import and a diamond."""
    graph = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},
        "d": {"e", "f"},
        "e": {"g"},
        "f": {"g"},
        "g": set(),
        "h": {"h"},
        "x": {"y"},
        "y": {"x"},
    }
    cyclic = [c for c in _strongly_connected(graph) if len(c) > 1 or c[0] in graph[c[0]]]
    assert sorted(cyclic) == [["a", "b", "c"], ["h"], ["x", "y"]]
    assert _shortest_cycle(graph, "a", {"a", "b", "c"}) == ["a", "b", "c", "a"]


def test_imports_are_resolved_to_modules() -> None:
    """Spot checks that the parser sees what Python does, so an empty cycle list means something."""
    found = modules()
    assert "deckgen.charts" in found and found["deckgen.charts"].is_package
    assert "deckgen.charts.model" in found and not found["deckgen.charts.model"].is_package
    assert sum(len(m.deckgen_imports) for m in found.values()) > 100
    # Relative imports, and imports inside functions, are resolved too.
    tree = ast.parse(
        "from . import model\nfrom .draw import draw_png\ndef f():\n    from ..plan import dump\n"
    )
    fake = Module("deckgen.charts.cache", PACKAGE / "charts" / "cache.py", False, tree, 4)
    assert sorted((target, eager) for target, _, eager in _imports(fake, found)) == [
        ("deckgen.charts.draw", True),
        ("deckgen.charts.model", True),
        ("deckgen.plan.dump", False),
    ]
    tree = ast.parse(
        "import typing\nif typing.TYPE_CHECKING:\n    import pptx\nelse:\n    import matplotlib\n"
    )
    fake = Module("deckgen.plan.fake", PACKAGE / "plan" / "fake.py", False, tree, 5)
    assert sorted((target, eager) for target, _, eager in _imports(fake, found)) == [
        ("matplotlib", True),
        ("pptx", False),
        ("typing", True),
    ]


# --- sizes --------------------------------------------------------------------------------


def test_no_module_over_400_lines() -> None:
    long_modules = [f"{m.relpath}: {m.lines} lines" for m in modules().values() if m.lines > MAX_MODULE_LINES]
    assert not long_modules, f"modules over {MAX_MODULE_LINES} lines:\n  " + "\n  ".join(long_modules)


def long_functions() -> list[str]:
    offenders = []
    measured = 0
    for module in modules().values():
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            assert node.end_lineno is not None
            measured += 1
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES and not LONG_EXCUSE.search(ast.get_docstring(node) or ""):
                offenders.append(f"{module.relpath}:{node.lineno} {node.name}(): {length} lines")
    assert measured > 200, f"only {measured} functions found under {PACKAGE}"
    return sorted(offenders)


def test_no_function_over_60_lines_without_a_reason() -> None:
    offenders = long_functions()
    assert not offenders, (
        f"functions over {MAX_FUNCTION_LINES} lines whose docstring does not say why they are long:\n  "
        + "\n  ".join(offenders)
    )


# --- layers -------------------------------------------------------------------------------


def test_pptx_and_matplotlib_stay_in_their_layers() -> None:
    found = modules()
    offenders = []
    for module in found.values():
        for library, home in CONFINED.items():
            if library in module.external_imports and not module.relpath.startswith(home):
                line = module.external_imports[library]
                offenders.append(f"{module.relpath}:{line} imports {library} (only {home} may)")
    # Importing the planner must not load a renderer by way of other deckgen modules either (a
    # drawing function may import one when it runs: charts draw lazily on purpose).
    for module in found.values():
        if not module.relpath.startswith(RENDERER_FREE):
            continue
        for library, chain in _reaches(module.name, found).items():
            offenders.append(f"importing {module.name} loads {library}: {' -> '.join(chain)}")
    assert not offenders, "third-party imports outside their layer:\n  " + "\n  ".join(sorted(offenders))


def _reaches(start: str, found: dict[str, Module]) -> dict[str, list[str]]:
    """Each confined library that importing ``start`` loads, with one chain of eager imports."""
    paths = {start: [start]}
    queue = [start]
    reached: dict[str, list[str]] = {}
    while queue:
        name = queue.pop(0)
        for library in CONFINED:
            if library in found[name].eager and library not in reached:
                reached[library] = [*paths[name], library]
        for child in sorted(found[name].eager & set(found[name].deckgen_imports)):
            if child in found and child not in paths:
                paths[child] = [*paths[name], child]
                queue.append(child)
    return reached
