"""The standard: pydantic models of the YAML pack and its loader."""

from jingpin_cli.standard.load import load_standard
from jingpin_cli.standard.models import Field, Rule, Standard
from jingpin_cli.standard.packs import default_standard_path

__all__ = ["Field", "Rule", "Standard", "default_standard_path", "load_standard"]
