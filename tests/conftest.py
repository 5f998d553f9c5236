import pandas as pd
import pytest

from jingpin_cli.records.model import DTYPES
from jingpin_cli.standard import load_standard


@pytest.fixture(scope="session")
def standard():
    return load_standard()


def make_frame(standard, rows: dict[str, dict]) -> pd.DataFrame:
    """A typed records frame (every catalog field, NA unless given) with one row per key of `rows`."""
    frame = pd.DataFrame.from_dict(rows, orient="index").reindex(columns=[f.key for f in standard.fields])
    frame = frame.astype(object).where(frame.notna(), None)
    frame = frame.astype({f.key: DTYPES[f.type] for f in standard.fields})
    frame.index.name = "id"
    return frame
