"""level: a judgement in words earns the points its word is given (“看现场，好4分、较好3分、一般2分、
没有不得分”): the field is a level field (its words listed best first in the catalog) and the rule
gives each word its score. The best word passes, a word earning something is partial, one earning
nothing fails, a blank is unknown."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
import pandas as pd
from pydantic import Field as PydField
from pydantic import model_validator

from jingpin_cli.rules.base import PASS, SCORE, UNKNOWN, Closing, Outcome, graded_status, label
from jingpin_cli.rules.model import RuleBase, pack_error
from jingpin_cli.text.messages import Worded, pick, t
from jingpin_cli.text.numbers import num
from jingpin_cli.text.words import sep


class LevelRule(RuleBase):
    """A level field's word earns its score (好 4, 较好 3, 一般 2, 没有 0); the best word earns `points`."""

    kind: Literal["level"]
    field: str
    scores: dict[str, Annotated[float, PydField(ge=0)]] = PydField(min_length=2)  # level word -> its points

    @model_validator(mode="before")
    @classmethod
    def _points_default(cls, data):
        # points may be left out: a level rule is worth its best word's score
        if isinstance(data, dict) and "points" not in data and isinstance(data.get("scores"), dict):
            scores = [v for v in data["scores"].values() if isinstance(v, (int, float))]
            if scores:
                data = {**data, "points": max(scores)}
        return data

    @model_validator(mode="after")
    def _points_are_the_best_score(self):
        best = max(self.scores.values())
        if abs(self.points - best) > 1e-9:
            raise pack_error("level_points", points=f"{self.points:g}", best=f"{best:g}")
        return self

    @property
    def best(self) -> str:
        """The word that earns every point (the first one listed, of equals)."""
        return max(self.scores, key=self.scores.__getitem__)


MODEL = LevelRule
FIELD_TYPES = ("level",)
ROLE = SCORE
NUMERIC, YES_NO, SURVEYED = False, False, False


def check(rule, fields: dict) -> list[tuple[tuple, Worded]]:
    """Every word of the field has a score, every score names a word, and a worse word never
    scores more than a better one (the catalog lists them best first)."""
    field = fields[rule.field]
    words = [level.zh for level in field.levels]
    if field.type != "level":
        return []
    listed = "、".join(words)  # the words as the pack's `scores:` must spell them, in either language
    errors = [(("scores", key), Worded.message("check.level_unknown_word", word=key, field=field.key, levels=listed))
              for key in rule.scores if key not in words]
    missing = [w for w in words if w not in rule.scores]
    if missing:
        errors.append((("scores",), Worded.message("check.level_no_score", missing="、".join(missing), field=field.key,
                                                   levels=listed)))
    scored = [(w, rule.scores[w]) for w in words if w in rule.scores]
    for (better, high), (worse, low) in zip(scored, scored[1:], strict=False):
        if low > high:
            errors.append((("scores", worse), Worded.message("check.level_order", worse=worse, low=f"{low:g}",
                                                             better=better, high=f"{high:g}")))
    return errors


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    words, index = frame[rule.field], frame.index
    codes, distinct = pd.factorize(words)  # the few distinct words, scored once each
    table = np.array([rule.scores.get(w, np.nan) for w in distinct] + [np.nan])  # code -1 (blank): NaN
    value = table[codes]
    known = ~np.isnan(value)
    points = np.where(known, value, 0.0)
    return Outcome(graded_status(known, value >= rule.points, points, index), pd.Series(points, index=index),
                   words.astype("string"))


def word(standard, key: str, zh: str, lang: str) -> str:
    """A level's word in `lang` (its en where the catalog gives one)."""
    level = next((lv for lv in standard.field(key).levels if lv.zh == zh), None)
    return zh if level is None else pick(level, lang)


def message(rule, finding: dict, standard, lang: str) -> str:
    """办公场所情况：较好（3/4 分），再高一档为“好”（4 分）."""
    name = label(standard, rule.field, lang)
    if finding["status"] == UNKNOWN:
        return t("rule.level.unknown", lang, name=name, scale=scale_text(rule, standard, lang))
    have = finding["actual"]
    text = t("rule.level.scored", lang, name=name, have=word(standard, rule.field, have, lang),
             earned=num(finding["points"]), points=num(rule.points))
    if finding["status"] == PASS:
        return text
    better = next_better(rule, standard, have)
    return text + t("rule.level.next", lang, word=word(standard, rule.field, better, lang),
                    points=num(rule.scores[better]))


def next_better(rule, standard, have: str) -> str:
    """The nearest level above `have` that scores more (the best one at the latest)."""
    words = [level.zh for level in standard.field(rule.field).levels]
    above = words[:words.index(have)] if have in words else []
    return next((w for w in reversed(above) if rule.scores[w] > rule.scores[have]), rule.best)


def scale_text(rule, standard, lang: str) -> str:
    """好 4 分、较好 3 分、一般 2 分、没有 0 分, in the catalog's order."""
    levels = standard.field(rule.field).levels
    return sep(lang, "list").join(t("rule.level.score", lang, word=pick(lv, lang), points=num(rule.scores[lv.zh]))
                                  for lv in levels if lv.zh in rule.scores)


def required(rule):
    return rule.best


def points_text(rule) -> str:
    return f"{rule.points:g}"


def requirement(rule, unit: str, lang: str) -> str:
    scores = sep(lang, "list").join(t("rule.level.score", lang, word=w, points=num(p)) for w, p in rule.scores.items())
    return t("rule.level.requirement", lang, scores=scores)


def closings(rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
    """Reach the best level (or fill in the blank)."""
    status, earned = outcome.status.at[cid], float(outcome.points.at[cid])
    return [Closing(rule.field, status, rule.best, None, 1.0, rule.points - earned)]


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    if gap.status == UNKNOWN:
        return t("screen.gap.fill_level", lang, label=label, need=gap.target)
    return t("screen.gap.raise_level", lang, label=label, need=gap.target)
