"""The declaration model: the kinds an enterprise declares, and the loaded declaration."""
