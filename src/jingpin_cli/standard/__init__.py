"""The standard: a pack of YAML files ──load (extend, validate once)──▶ Standard, a frozen pydantic
model whose Rule union is built from rules.KINDS. models.py (the schema), load.py and extend.py
(reading and tailoring a pack), packs.py (where packs live), describe.py (docs from a pack), diff.py
(pack against pack). May import text, errors, safe_yaml and rules."""

from jingpin_cli.standard.load import load_standard
from jingpin_cli.standard.models import Field, Rule, Standard
from jingpin_cli.standard.packs import default_standard_path

__all__ = ["Field", "Rule", "Standard", "default_standard_path", "load_standard"]
