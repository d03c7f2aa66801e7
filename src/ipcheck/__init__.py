"""ipcheck: check an enterprise IP management system before the certification auditor does.

The public API for plugin authors is re-exported here: ``hookimpl`` marks hook
implementations, and the types in :mod:`ipcheck.rules.api` describe rules and what
they report.
"""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("ipcheck")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__", "hookimpl"]


def __getattr__(name: str) -> object:
    # pluggy is imported only when a plugin asks for the marker: keeps `--version` fast.
    if name == "hookimpl":
        from ipcheck.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)
