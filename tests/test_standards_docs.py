"""docs/standards.md: its generated parts are up to date, and its example tailoring file works."""

import importlib.util
import re
from pathlib import Path

from jingpin_cli.standard import load_standard
from jingpin_cli.standard.diff import diff_standards
from jingpin_cli.standard.load import load_standard_checked

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "standards.md"


def _gen_docs():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_page_is_up_to_date():
    gen = _gen_docs()
    text = PAGE.read_text(encoding="utf-8")
    assert gen.regenerate(text, gen.blocks()[PAGE]) == text, "run: python scripts/gen_docs.py"
    assert gen.main(["--check"]) == 0


def test_every_rule_kind_is_documented():
    from jingpin_cli.rules import KINDS

    text = PAGE.read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"### `{kind}`" in text


def test_the_example_tailoring_file_is_valid(tmp_path):
    text = PAGE.read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL) if block.startswith("extends:"))
    path = tmp_path / "my-district.yaml"
    path.write_text(example, encoding="utf-8")
    std, warnings = load_standard_checked(path)
    assert warnings == []
    assert std.rule("svc.service_area").min == 400 and std.scoring.bonus_cap == 3
    ids = [r.id for r in std.rules]
    assert ids[ids.index("ord.patrol") + 1] == "ord.safety_hazard" and "bonus.honors" not in ids
    assert len(diff_standards(load_standard(), std)) > 5


def test_readme_links_the_page():
    assert "docs/standards.md" in (ROOT / "README.md").read_text(encoding="utf-8")
