"""The extension field ``x-exportwatch``: how a patent in an export market is looked after.

A declared patent may carry it; ipcheck validates it against :class:`ExportWatch` when the
declaration loads (a wrong field or type is an error at its line) and gives rule EXW002 the
validated value through ``ctx.declaration.extension(patent, "x-exportwatch")``::

    kind: Patent
    id: PAT-US-1
    ...
    x-exportwatch:
      annuity_agent: Smith & Partners LLP
      docket_owner: li.na
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ExportWatch(BaseModel):
    """Who pays a patent's annuities abroad, and who in the enterprise answers for them."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)  # rules only read it

    annuity_agent: str | None = Field(None, description="The outside agent that pays the annuities.")
    docket_owner: str | None = Field(None, description="The id of the declared person who answers for the docket.")


FIELDS = {"x-exportwatch": ExportWatch}
