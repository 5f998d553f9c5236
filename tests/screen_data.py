"""Small crafted data folders for the screening tests: a community that meets every rule of the
shipped standard, and CSV files written with the Chinese headers an office would use."""

from __future__ import annotations

import csv
from pathlib import Path

from jingpin_cli.results.audit.report import audit


def perfect(standard) -> dict:
    """Values (canonical keys) that meet every rule and earn every point: a 100-point community."""
    values: dict = {}
    for rule in standard.rules:
        if rule.kind in ("threshold", "rate"):
            values[rule.field] = rule.min
        elif rule.kind == "scaled":
            values[rule.field] = rule.scale
        elif rule.kind == "checklist":
            for key in rule.items:
                values[key] = True if standard.field(key).type == "bool" else 1
        elif rule.kind == "boolean":
            values[rule.field] = rule.expected
        elif rule.kind == "veto":
            values[rule.field] = False
        elif rule.kind == "bonus":
            values[rule.field] = 0
    return values


def community(standard, cid: str, name: str, street: str | None = "甲街道", **changes) -> dict:
    row = {"id": cid, "name": name, "street": street, **perfect(standard)}
    row.update(changes)
    return row


def write_folder(standard, folder: Path, rows: list[dict]) -> Path:
    """One CSV (UTF-8 with BOM, Chinese headers, 有/无 for yes/no, blank for None) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    keys = list(dict.fromkeys(k for row in rows for k in row))
    with open(folder / "排查摸底表.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([standard.field(k).zh for k in keys])
        for row in rows:
            writer.writerow([_cell(row.get(k)) for k in keys])
    return folder


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "有" if value else "无"
    return value


def report_of(standard, folder: Path, rows: list[dict]):
    return audit(standard, write_folder(standard, folder, rows))
