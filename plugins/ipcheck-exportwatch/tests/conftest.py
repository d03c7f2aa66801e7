"""Run from a source checkout too: without the distribution installed, import it from ``src/``.

The ``ipcheck_run`` fixture comes from ipcheck itself (its ``pytest11`` entry point).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("ipcheck_exportwatch") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
