"""ipcheck: check an enterprise IP management system before the certification auditor does.

The public API for plugin authors is re-exported here: ``hookimpl`` marks hook
implementations, and the types in :mod:`ipcheck.rules.api` describe rules and what
they report.
"""

__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it)

__all__ = ["__version__", "hookimpl"]


def __getattr__(name: str) -> object:
    # pluggy is imported only when a plugin asks for the marker: keeps `--version` fast.
    if name == "hookimpl":
        from ipcheck.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)
