"""Formats of the check result, one module per format (see formats/__init__.py for the registry)."""
