"""Where packs live: the one shipped inside the package (or, in a source checkout, the repository's
standards/), the others shipped beside it, and which files of a pack folder are read."""

from __future__ import annotations

from pathlib import Path

DEFAULT_PACK = "xinshi-2011"


def default_standard_path() -> Path:
    """The pack shipped inside the package; in a source checkout, the repository's standards/."""
    here = Path(__file__).resolve().parent.parent
    for root in (here / "standards", here.parents[1] / "standards"):
        if (root / DEFAULT_PACK).is_dir():
            return root / DEFAULT_PACK
    raise FileNotFoundError("the shipped standards pack is missing; reinstall jingpin")


def shipped_packs_root() -> Path:
    return default_standard_path().parent


def shipped_packs() -> list[str]:
    root = shipped_packs_root()
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def shipped_pack_path(name: str) -> Path | None:
    """A pack shipped with jingpin, by name (`xinshi-2011`, `strict-2013`), or None."""
    root = shipped_packs_root()
    return root / name if name and (root / name).is_dir() and "/" not in name and "\\" not in name else None


def pack_files(path: Path) -> list[Path]:
    """The YAML files of a pack folder, in name order; a file is a pack of one."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]
