"""The template as one community's YAML record."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.textwidth import display_width
from jingpin_cli.formats.template import columns, notes, yaml_key
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.words import word


def render(standard: Standard, options: Options = PLAIN) -> str:
    """One community's record: every key with an empty value and a comment saying what to fill in."""
    lang = options.lang
    cols = columns(standard, lang, options.self_check, sheet=False)
    lines = [f"# {text}" for text in notes(standard, lang)]
    lines += ["# " + word("template.yaml_intro", lang)]
    keys = [yaml_key(standard, c, lang) for c in cols]
    width = max(display_width(k) for k in keys) + 2
    section = None
    for col, key in zip(cols, keys, strict=True):
        if col.section != section:
            section = col.section
            lines += ["", f"# ---- {section} " + "-" * max(4, 60 - display_width(section))]
        comment = col.how + (" — " + col.rules if col.rules else "")
        lines.append(f"{key}:" + " " * (width - display_width(key)) + f"# {comment}")
    return "\n".join(lines) + "\n"
