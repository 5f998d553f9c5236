"""The standard: pydantic models of the YAML pack and its loader."""

from jingpin_cli.standard.load import default_standard_path, load_standard
from jingpin_cli.standard.models import Field, Rule, Standard

__all__ = ["Field", "Rule", "Standard", "default_standard_path", "load_standard"]
