"""On-disk cache of generated source: atomic writes, corrupt entries rebuilt."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

_HEADER = "# lmech-sha256: "


def cache_dir() -> Path:
    """``$LMECH_CACHE_DIR``, else ``$XDG_CACHE_HOME/lmech``, else ``~/.cache/lmech``."""
    root = os.environ.get("LMECH_CACHE_DIR")
    if root:
        return Path(root)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "lmech"


def digest(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode())
        h.update(b"\0")
    return h.hexdigest()


def _body_ok(text: str) -> bool:
    first, _, body = text.partition("\n")
    return first.startswith(_HEADER) and first[len(_HEADER) :] == digest(body)


def load_or_write(name: str, source: str) -> Path:
    """Return the path of a cache file holding ``source``; (re)write it unless it is intact.

    The file's first line is the SHA-256 of the rest, so a truncated or edited entry is
    detected and replaced rather than trusted. Writes go through a temporary file in the
    same directory and ``os.replace``, so a reader never sees a half-written entry.
    """
    directory = cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.py"
    try:
        if _body_ok(path.read_text()) and path.read_text().partition("\n")[2] == source:
            return path
    except (OSError, UnicodeDecodeError):
        pass
    text = f"{_HEADER}{digest(source)}\n{source}"
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_module(name: str, source: str):
    """Import the generated module ``name`` from its cache file (a file that does not parse is rewritten)."""
    path = load_or_write(name, source)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError:
        path.unlink(missing_ok=True)  # never trust an entry that does not parse
        path = load_or_write(name, source)
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    sys.modules[name] = module
    return module
