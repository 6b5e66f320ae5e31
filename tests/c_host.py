"""Compile C export units with gcc (-std=c99 -Wall -Werror) into one shared library for ctypes."""

from __future__ import annotations

import ctypes
import subprocess
from pathlib import Path


def gcc_library(directory: Path, units: dict[str, str], name: str) -> ctypes.CDLL:
    """Each unit (label -> C source) compiled to an object, then all linked into ``lib<name>.so``."""
    objects = []
    for label, text in units.items():
        src = directory / f"{label}.c"
        src.write_text(text)
        obj = src.with_suffix(".o")
        r = subprocess.run(["gcc", "-std=c99", "-O2", "-fPIC", "-Wall", "-Werror", "-c", str(src), "-o", str(obj)], capture_output=True, text=True)
        assert r.returncode == 0, f"{label}: {r.stderr}"
        objects.append(str(obj))
    so = directory / f"lib{name}.so"
    r = subprocess.run(["gcc", "-shared", "-o", str(so), *objects, "-lm"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return ctypes.CDLL(str(so))
