"""Reports: one :class:`~ipcheck.report.model.Report`, rendered in several formats."""
