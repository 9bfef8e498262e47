"""The code's boundaries, read from its source: no import circle, and one spelling of "open"."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("config", "recruitment", "trials")


def _modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            modules[name] = path
    return modules


def _imports(path: Path, modules) -> set[str]:
    """The project's modules this one imports, at any depth: an import inside a function still
    ties the two modules together, it only hides it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                found.add(target if target in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in modules}


def import_circles() -> list[list[str]]:
    """Groups of modules that import each other, directly or round a circle (Tarjan)."""
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            if group:
                circles.append(sorted([node, *group]))

    for node in graph:
        if node not in index:
            visit(node)
    return circles


def test_no_module_imports_itself_round_a_circle():
    assert import_circles() == []


def test_open_for_sign_up_is_spelled_in_one_place():
    spelled = re.compile(r"RecruitmentStatus\.RECRUITING\b|[\"']RECRUITING[\"']")
    places = [
        f"{path.relative_to(ROOT)}:{number}"
        for name, path in _modules().items()
        if name != "trials.models"  # where it is defined
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if spelled.search(line)
    ]
    assert places == [], "use Trial.objects.open_for_signup() / open_for_signup_q()"


def test_the_eligibility_engine_depends_on_nothing_above_it():
    """The engine receives kinds and answers: it reaches no condition, model, service or catalog."""
    modules = _modules()
    seen, todo = set(), ["recruitment.screening.eligibility"]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_imports(modules[name], modules))
    above = sorted(
        name
        for name in seen
        if name.startswith(("recruitment.conditions", "recruitment.models", "recruitment.services", "trials"))
    )
    assert above == []


def _words_of(condition) -> set[str]:
    from django.utils import translation

    words = {term.lower() for term in condition.registry_terms}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            words.add(str(condition.label).lower())
    assert words, condition.code
    return words


def test_the_core_names_no_condition():
    """A condition's names (its registry terms, its name in each language) appear in code,
    templates and the core's catalog only inside its own app: the core serves any condition."""
    from recruitment.conditions import installed

    apps = {condition.code: ROOT / "recruitment" / "conditions" / condition.code for condition in installed()}
    files = [
        path
        for folder in ("config", "recruitment", "trials", "templates", "static", "locale")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".html", ".js", ".txt", ".po"}
        and "migrations" not in path.parts
        and "vendor" not in path.parts
    ]
    found = []
    for condition in installed():
        words = _words_of(condition)
        for path in files:
            if any(home in path.parents for home in apps.values()):
                continue
            text = path.read_text(encoding="utf-8").lower()
            text = text.replace(f"recruitment.conditions.{condition.code}", "")  # its INSTALLED_APPS line
            found += [f"{path.relative_to(ROOT)}: {word}" for word in sorted(words) if word in text]
    assert found == []
