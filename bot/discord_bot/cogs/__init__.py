"""Discord features, one per module; each cog gets its collaborators in its constructor."""
