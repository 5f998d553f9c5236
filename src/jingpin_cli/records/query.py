"""Communities named on the command line (`--community`, `--include`, `--require-eligible`) → ids."""

from __future__ import annotations

from difflib import get_close_matches

from jingpin_cli.errors import Location, Problem, hint_from


def unknown_community(records, query: str, option: str) -> Problem:
    """No community is `query`: suggest a name or id only when one is really alike."""
    # compare without the common 社区 ending, so that only a real likeness is suggested
    names = {str(n).removesuffix("社区"): str(n) for n in records.frame["name"].dropna()}
    names |= {str(i): str(i) for i in records.frame.index}
    close = get_close_matches(str(query).removesuffix("社区"), list(names), n=1, cutoff=0.6)
    return Problem("unknown_community", Location(option), {"query": query, **hint_from([names[c] for c in close])})


def resolve(records, queries, option: str) -> tuple[list[str], list[Problem]]:
    """(the ids of `queries` (ids or names), each once, in order; a problem for each unknown one)."""
    ids, problems = [], []
    for query in queries:
        cid = records.find(str(query))
        if cid is None:
            problems.append(unknown_community(records, query, option))
        elif cid not in ids:
            ids.append(cid)
    return ids, problems
