"""Formats of the screen result, one module per format (see formats/__init__.py for the registry)."""
