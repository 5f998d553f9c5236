"""Community records: one typed table plus where every value came from. (`survey` and `self_check`
are typed `object` here because their modules build on this one.)"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from jingpin_cli.errors import Location, Problem

# field type (fields.md) -> pandas dtype of its column in Records.frame
# (a level column holds the level's own word, 好 / 较好, whatever spelling the cell used)
DTYPES = {"text": "string", "bool": "boolean", "int": "Float64", "num": "Float64", "rate": "Float64",
          "score": "Float64", "level": "string"}


@dataclass
class RawTable:
    """Cells as read from one sheet or CSV file, before typing. Columns are canonical keys.
    (A YAML file's records are kept as dicts: records.yaml_records.YamlTable.)"""

    file: str
    sheet: str | None
    data: pd.DataFrame  # raw cells, columns = field keys
    rows: list[int]  # per row: Excel row / CSV line
    columns: dict[str, tuple[str | None, str]]  # field -> (column letter or None, header/key as written)
    header_factors: dict[str, float] = field(default_factory=dict)  # unit named in a header
    encoding: str | None = None
    codes: dict[str, tuple] | None = None  # a CSV's: field -> (codes, distinct texts) of its cells, hashed on reading

    def locate(self, pos: int, key: str) -> Location:
        letter, header = self.columns.get(key, (None, key))
        return Location(self.file, self.sheet, self.rows[pos], letter, header)


@dataclass
class Records:
    """Every community of a data folder, typed by the catalog; unknown (blank) values are NA."""

    frame: pd.DataFrame  # index: community id (str); columns: every catalog field
    origin: pd.DataFrame  # index: community id; columns: file, sheet, row
    columns: dict[str, dict[str, tuple[str | None, str]]]  # file -> field -> (letter, header)
    warnings: list[Problem] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # file -> how it was read (encoding, sheet)
    rate_sources: pd.DataFrame | None = None  # per community and rate field: "table" | "survey"
    survey: object | None = None  # records.survey_rates.SurveyResult of DIR/surveys/, when there is one
    rate_samples: pd.DataFrame | None = None  # per community: "<rate field>:n|low|high" behind each 三高 rate
    self_check: object | None = None  # records.self_check.SelfCheck, when a file has 自评 columns
    # one-community forms (records/forms.py): (file, sheet) -> field -> (column letter, row, 项目 words)
    cells: dict[tuple[str, str | None], dict[str, tuple[str, int, str]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.frame)

    def locate(self, community: str, key: str) -> Location:
        o = self.origin.loc[community]
        sheet = o["sheet"] if isinstance(o["sheet"], str) else None
        return place(o["file"], sheet, int(o["row"]), key, self.columns, self.cells)

    def find(self, query: str) -> str | None:
        """The id of the community whose id or name is `query`."""
        if query in self.frame.index:
            return query
        hits = self.frame.index[self.frame["name"].astype("string").str.strip() == query.strip()]
        if len(hits) == 0:
            names = self.frame["name"].astype("string").str.removesuffix("社区")
            hits = self.frame.index[names == query.removesuffix("社区")]
        return hits[0] if len(hits) else None


def place(file: str, sheet: str | None, row: int, key: str, columns: dict, cells: dict) -> Location:
    """Where a community's value of `key` is: the cell of a form's item, or row and column of a wide table."""
    form = cells.get((file, sheet), {})
    if key in form:
        letter, at, label = form[key]
        return Location(file, sheet, at, letter, label, cell=f"{letter}{at}")
    letter, header = columns.get(file, {}).get(key, (None, None))
    return Location(file, sheet, row, letter, header)
