"""Formats of the audit result, one module per format (see formats/__init__.py for the registry)."""
