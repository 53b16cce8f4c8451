"""The fact base and the engine that answers questions from it (never imports Discord)."""
