"""Maintenance tools for the fact base (not needed at run time)."""
