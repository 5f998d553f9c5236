#!/usr/bin/env python3
"""Regenerate the parts of the docs that come from the code and the shipped standards pack.

    python scripts/gen_docs.py           # rewrite the generated blocks in place
    python scripts/gen_docs.py --check   # exit 1 if a committed page is out of date (tests run this)

A generated block sits between `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->`;
everything outside the markers is written by hand and left alone."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from jingpin_cli.standard import load_standard  # noqa: E402
from jingpin_cli.standard.describe import (  # noqa: E402
    kinds_markdown,
    kinds_table_markdown,
    rules_markdown,
    self_assessment_markdown,
    tailoring_markdown,
)


def blocks() -> dict[Path, dict[str, str]]:
    shipped = load_standard()
    return {
        ROOT / "docs" / "standards.md": {
            "rule-kinds": kinds_markdown(shipped),
            "tailoring-keys": tailoring_markdown(),
            "self-assessment": self_assessment_markdown(),
        },
        ROOT / "README.md": {
            "kinds-table": kinds_table_markdown(),
            "rules-table": rules_markdown(shipped),
        },
    }


def regenerate(text: str, parts: dict[str, str]) -> str:
    for name, body in parts.items():
        pattern = re.compile(rf"(<!-- BEGIN GENERATED: {re.escape(name)} -->\n).*?"
                             rf"(<!-- END GENERATED: {re.escape(name)} -->)",
                             re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"gen_docs: no block '{name}' in the page")
        text = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(2), text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report pages that are out of date")
    args = parser.parse_args(argv)
    stale = []
    for page, parts in blocks().items():
        old = page.read_text(encoding="utf-8")
        new = regenerate(old, parts)
        if new != old:
            stale.append(page)
            if not args.check:
                page.write_text(new, encoding="utf-8")
    for page in stale:
        print(f"{'out of date' if args.check else 'regenerated'}: {page.relative_to(ROOT)}")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
