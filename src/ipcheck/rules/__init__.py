"""Rules: the public API (:mod:`.api`), the engine that runs them, and the built-in sets."""
