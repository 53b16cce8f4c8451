"""Front ends of the news bot: the CLI, the console and Discord (thin; the engine decides)."""
