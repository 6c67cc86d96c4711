"""Whole-project analysis: the modules of the user's own project that a checked file imports.

``import model``, ``from model import build``, ``from .model import build``,
``from pkg.sub import f`` and ``import pkg.sub`` are looked up on disk the way Python would find
them when the file runs as a script or as part of its package: in the file's own folder, in the
folder above its outermost package (folders with ``__init__.py``), and in the project root (the
nearest folder above with ``pyproject.toml``, ``setup.py``, ``setup.cfg`` or ``.git``) and its
``src/``.  What is found is read and parsed once per checked file; the interpreter runs it in
its own namespace (`imports.py`).  Keras, TensorFlow and NumPy themselves are never looked up.

Bounded, so that a checked file costs about the same with or without its project: at most
`MAX_MODULES` modules per file, none larger than `MAX_BYTES`, import chains at most
`MAX_DEPTH` deep; an import cycle runs each module once, as Python does.  A module that cannot be
read or parsed is not followed (its own check reports it).
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.source import (
    SourceError,
    decode,
    is_relevant,
    parse_python,
    read_source,
    split_lines,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.values import Value

MAX_MODULES = 24  # project modules read for one checked file
MAX_BYTES = 300_000  # a larger module is not followed
MAX_DEPTH = 4  # imports of imports of ...
_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
_MAX_PARENTS = 8  # folders looked at above a file for its project root
# Never the user's project, whatever is on disk: names the checker knows by themselves, and
# the standard library's (a script's own ``random.py`` shadows it, but is rarely a model).
_LIBRARIES = frozenset(
    {"keras", "tensorflow", "tf_keras", "numpy", "__future__", "pandas", "sklearn", "torch"}
    | set(getattr(sys, "stdlib_module_names", ()))
)
_IMPORT = re.compile(
    rb"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t(]+([\w, \t]*)|import[ \t]+([\w., \t]+))",
    re.M,
)


@dataclass(eq=False)
class ProjectModule:
    """One module of the project, read for the checked file, and what running it bound."""

    name: str  # dotted, as imported
    path: Path
    display: str  # as findings show it: relative to where the checked file is shown
    text: str
    tree: ast.Module
    digest: str
    depth: int
    namespace: dict[str, Value] = field(default_factory=dict)
    started: bool = False  # its body ran or is running
    running: bool = False  # an import cycle sees it half-bound
    _lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = split_lines(self.text)
        return self._lines


class Project:
    """The project around one checked file: where its imports are found, and what was read."""

    def __init__(self, file: str | Path, display: str | None = None) -> None:
        self.file = Path(os.path.abspath(file))
        self.display = display if display is not None else str(file)
        self.modules: dict[Path, ProjectModule] = {}
        self._roots: list[Path] | None = None
        self._exists: dict[Path, bool] = {}

    @property
    def roots(self) -> list[Path]:
        """Found on the first absolute import that needs them: most files import only
        libraries."""
        if self._roots is None:
            self._roots = list(_roots_of_folder(self.file.parent))
        return self._roots

    def fresh(self) -> Project:
        """The same project with no module read yet (what was found on disk is kept)."""
        other = Project(self.file, self.display)
        other._roots, other._exists = self._roots, self._exists
        return other

    def find(self, name: str, level: int = 0, importer: Path | None = None) -> Path | None:
        """The file of module ``name`` (``level`` dots before it, relative to ``importer``)."""
        parts = [p for p in name.split(".") if p]
        if level:
            base = (importer or self.file).parent
            for _ in range(level - 1):
                base = base.parent
            return self._module_file(base, parts) if parts else self._package_file(base)
        if not parts or parts[0] in _LIBRARIES:
            return None
        for root in self.roots:
            found = self._module_file(root, parts)
            if found is not None:
                return found
        return None

    def load(self, path: Path, name: str, depth: int) -> ProjectModule | None:
        """The module at ``path``, read and parsed (once); None past the bounds or unreadable."""
        known = self.modules.get(path)
        if known is not None:
            return known
        if path == self.file or len(self.modules) >= MAX_MODULES or depth > MAX_DEPTH:
            return None
        try:
            data = read_source(path)
            if len(data) > MAX_BYTES:
                return None
            text, tree = _parsed(data, str(path))
        except (OSError, SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        relative = os.path.relpath(path, self.file.parent)
        display = os.path.normpath(os.path.join(os.path.dirname(self.display), relative))
        digest = hashlib.sha256(data).hexdigest()
        module = ProjectModule(name, path, display, text, tree, digest, depth)
        self.modules[path] = module
        return module

    def dependencies(self) -> tuple[tuple[str, str], ...]:
        """(absolute path, sha256) of every module read: what a cached result depends on."""
        return tuple(sorted((str(m.path), m.digest) for m in self.modules.values()))

    def _module_file(self, base: Path, parts: list[str]) -> Path | None:
        folder = base.joinpath(*parts[:-1])
        for candidate in (folder / f"{parts[-1]}.py", folder / parts[-1] / "__init__.py"):
            if self._is_file(candidate):
                return candidate
        return None

    def _package_file(self, folder: Path) -> Path | None:
        candidate = folder / "__init__.py"
        return candidate if self._is_file(candidate) else None

    def _is_file(self, path: Path) -> bool:
        known = self._exists.get(path)
        if known is None:
            known = self._exists[path] = path.is_file()
        return known


def forget() -> None:
    """Drop what this process remembers about files on disk (parsed modules, import roots):
    for a long-lived process whose files move, and for timing cold runs."""
    _parsed.cache_clear()
    _roots_of_folder.cache_clear()


@lru_cache(maxsize=32)
def _parsed(data: bytes, filename: str) -> tuple[str, ast.Module]:
    """A module's text and tree, parsed once per process for the same bytes: a ``model.py``
    that every script of a project imports is parsed once per run, not once per script.  The
    analysis never changes a tree, and keys what it learns by each analysis's own nodes."""
    text = decode(data).text
    return text, parse_python(text, filename=filename)


def search_roots(file: Path) -> list[Path]:
    """Folders absolute imports are looked up in, first match first (as ``sys.path``)."""
    return list(_roots_of_folder(file.parent))


@lru_cache(maxsize=256)  # the files of one folder share them: a few dozen stat calls saved each
def _roots_of_folder(folder: Path) -> tuple[Path, ...]:
    roots = [folder]
    package = folder
    while (package / "__init__.py").is_file() and package.parent != package:
        package = package.parent
    roots.append(package)
    for _ in range(_MAX_PARENTS):
        if any((folder / marker).exists() for marker in _MARKERS):
            roots.extend((folder, folder / "src"))
            break
        if folder.parent == folder:
            break
        folder = folder.parent
    return tuple(dict.fromkeys(roots))


def reaches_keras(data: bytes, path: str | Path, project: Project | None = None) -> bool:
    """Whether a file that never mentions Keras imports a project module that does (directly
    or through its own imports, within the bounds): then it is checked, its models come from
    there.  Read from the import lines alone, without parsing the file."""
    project = project or Project(path)
    pending: list[tuple[bytes, Path, int]] = [(data, project.file, 0)]
    seen: set[Path] = {project.file}
    while pending:
        text, importer, depth = pending.pop()
        if depth >= MAX_DEPTH:
            continue
        for found in _imported_files(text, importer, project):
            if found in seen or len(seen) > MAX_MODULES:
                continue
            seen.add(found)
            try:
                module = read_source(found)
            except OSError:
                continue
            if len(module) > MAX_BYTES:
                continue
            if is_relevant(module):
                return True
            pending.append((module, found, depth + 1))
    return False


def _imported_files(data: bytes, importer: Path, project: Project) -> list[Path]:
    found: list[Path] = []
    for match in _IMPORT.finditer(data):
        dots, module, imported, names = match.groups()
        if names is not None:
            modules = [n.strip().split()[0] for n in names.split(b",") if n.strip()]
            targets = [(m.decode("ascii", "replace"), 0) for m in modules]
        else:
            base = module.decode("ascii", "replace")
            targets = [(base, len(dots))]
            # ``from pkg import model``: a name imported from a package may be a module.
            for name in imported.split(b","):
                parts = name.split()
                if parts and parts[0] != b"*":
                    sub = parts[0].decode("ascii", "replace")
                    targets.append((f"{base}.{sub}" if base else sub, len(dots)))
        for name, level in targets:
            path = project.find(name, level, importer)
            if path is not None:
                found.append(path)
    return found
