"""The words of the report formats, in Chinese (default) and English: one status vocabulary, yes/no,
list separators, and every heading, column name and sheet name the formats write.

The formats never test the language: they ask here (`word`, `words`, `status_word`, `yes_no`, `sep`)
and get the word in `lang`. Keys are grouped by the format family that writes them (`audit.col.*`,
`html.*`, `screen.col.*`, `diff.*`, `template.*`); the shared vocabulary has no prefix."""

from __future__ import annotations

Pair = tuple[str, str]


def _at(lang: str) -> int:
    """0 for zh, 1 for en; anything else reads as zh, as text.messages.t does."""
    return 1 if lang == "en" else 0


def choose(pair: Pair, lang: str) -> str:
    """The member of a (zh, en) pair in `lang`."""
    return pair[_at(lang)]


# ---- one status vocabulary: the words of pass / partial / fail / unknown / waived / n/a ----------
# The JSON and CSV *values* are the status codes themselves (a contract, interfaces.md); these are
# the words shown for them in every format that shows words (CSV gate columns, XLSX, Markdown, HTML).

STATUS_WORDS: dict[str, Pair] = {
    "pass": ("达标", "pass"), "partial": ("部分", "partial"), "fail": ("未达标", "fail"),
    "unknown": ("未知", "unknown"), "waived": ("豁免", "waived"), "not_applicable": ("不适用", "n/a"),
}


def status_word(status: str, lang: str) -> str:
    """The word for a status in `lang` (an unknown code is shown as it is)."""
    pair = STATUS_WORDS.get(status)
    return choose(pair, lang) if pair else status


YES_NO: tuple[Pair, Pair] = (("是", "yes"), ("否", "no"))
HAVE: tuple[Pair, Pair] = (("有", "yes"), ("无", "no"))  # for things present or absent (六室, 书记在岗)


def yes_no(flag, lang: str) -> str:
    return choose(YES_NO[0] if flag else YES_NO[1], lang)


def have(flag, lang: str) -> str:
    """有/无: how offices answer for a room, a fund, a team."""
    return choose(HAVE[0] if flag else HAVE[1], lang)


SEPARATORS: dict[str, Pair] = {
    "clause": ("；", "; "),  # between whole phrases: gaps, reasons, notes
    "list": ("、", ", "),  # between names or labels
    "title": ("，", "; "),  # between the parts of a title
    "items": ("、", "; "),  # between counted items (“3 行空白、2 行重复”)
    "comma": ("，", ", "),  # between the parts of a place (文件，第 3 行) or of a header note (自评，㎡)
    "colon": ("：", ": "),  # between a label and what it labels (三有一化：达标)
}


def sep(lang: str, kind: str = "clause") -> str:
    return choose(SEPARATORS[kind], lang)


WORDS: dict[str, Pair] = {
    "html.lang": ("zh-CN", "en"),
    "wrote": ("已写入 {output}", "wrote {output}"),
    "name_id": ("{name}（{id}）", "{name} ({id})"),  # a community named with its code
    "warning": ("警告 ", "warning "), "error": ("错误 ", "error "),  # the label before a problem, with its space
    # ---- audit: the flat summary (CSV, XLSX summary sheet)
    "audit.col.id": ("社区编码", "id"), "audit.col.name": ("社区名称", "name"),
    "audit.col.street": ("{group_column}", "{group_column}"),
    "audit.col.score": ("总分", "score"), "audit.col.grade": ("等次", "grade"),
    "audit.col.eligible": ("可评选", "eligible"),
    "audit.col.vetoed": ("一票否决", "vetoed"), "audit.col.unknown": ("未知项", "unknown"),
    "audit.col.gaps": ("差距项", "gaps"),
    "audit.col.penalty": ("减分", "penalty"), "audit.col.stars": ("星级", "stars"),
    "audit.col.grade_reason": ("等次说明", "grade reason"),
    "audit.col.incomplete": ("数据不全", "incomplete data"),
    "audit.col.main_gaps": ("主要差距", "main gaps"), "audit.col.rank": ("排名", "rank"),
    # ---- audit: Markdown
    "audit.md.standard": ("标准", "Standard"), "audit.md.communities": ("社区数", "communities"),
    "audit.md.id": ("编码", "id"), "audit.md.name": ("社区", "name"), "audit.md.score": ("总分", "score"),
    "audit.md.grade": ("等次", "grade"), "audit.md.eligible": ("可评选", "eligible"),
    "audit.md.gaps": ("差距项", "gaps"),
    "audit.md.unknown": ("未知项", "unknown"), "audit.md.all_met": ("全部达标", "all met"),
    # ---- audit: the terminal
    "audit.tty.id": ("编码", "id"), "audit.tty.name": ("社区", "community"), "audit.tty.street": ("{group}", "{group}"),
    "audit.tty.score": ("总分", "score"), "audit.tty.star_col": ("星级", "stars"), "audit.tty.grade": ("等次", "grade"),
    "audit.tty.eligible": ("可评选", "eligible"),
    "audit.tty.unknown": ("未知", "unknown"), "audit.tty.main_gaps": ("主要差距", "main gaps"),
    "audit.tty.eligible_count": (" · 可评选 {n}/{total}", " · eligible {n}/{total}"),
    "audit.tty.head": ("{name}（{id}）", "{name} ({id})"),
    "audit.tty.penalty": ("已减分", "penalty"), "audit.tty.stars": ("星级", "stars"),
    "audit.tty.is_eligible": ("可评选", "eligible"), "audit.tty.not_eligible": ("不可评选", "not eligible"),
    "audit.tty.gates": ("{gates}：", "{Gates}: "),
    "audit.tty.unknown_rules": ("{rules} 项未填报，{points} 分尚未计入",
                                "{rules} rules unknown (blank data), {points} points not yet counted"),
    "audit.tty.source.survey": ("问卷计算", "from survey answers"),
    "audit.tty.source.table": ("报表填报", "typed in a table"),
    # ---- every workbook's 说明 sheet (formats/kit/about.py)
    "about.sheet": ("说明", "Notes"), "about.item": ("项目", "item"), "about.value": ("内容", "value"),
    "about.standard": ("标准", "standard"), "about.standard_id": ("标准编号", "standard id"),
    "about.version": ("标准版本", "standard version"), "about.document": ("依据文件", "document"),
    "about.files": ("数据文件", "data files"), "about.date": ("报告日期", "report date"),
    "about.made_by": ("生成工具", "made by"), "about.jingpin": ("jingpin {v}", "jingpin {v}"),
    "about.old": ("之前", "before"), "about.new": ("之后", "after"),
    # ---- audit: the workbook
    "audit.sheet.summary": ("汇总", "Summary"), "audit.sheet.results": ("逐项结果", "Results"),
    "audit.sheet.gaps": ("差距清单", "Gaps"),
    "audit.xlsx.aspect": ("方面", "aspect"), "audit.xlsx.task": ("任务", "task"),
    "audit.xlsx.rule": ("规则编号", "rule"),
    "audit.xlsx.item": ("项目", "item"), "audit.xlsx.status": ("状态", "status"),
    "audit.xlsx.actual": ("实际值", "actual"),
    "audit.xlsx.required": ("标准", "required"), "audit.xlsx.shortfall": ("差距", "shortfall"),
    "audit.xlsx.unit": ("单位", "unit"),
    "audit.xlsx.missing": ("缺项", "missing"), "audit.xlsx.points": ("得分", "points"),
    "audit.xlsx.max_points": ("满分", "max points"),
    "audit.xlsx.verify": ("核查方式", "verified by"), "audit.xlsx.message": ("说明", "message"),
    "audit.xlsx.lost": ("失分", "points lost"),
    # ---- audit: the HTML page
    "html.overview": ("全区概览", "District overview"),
    "html.standard": ("标准", "Standard"),
    "html.communities": ("社区数", "Communities"),
    "html.mean": ("平均分", "Mean score"),
    "html.eligible": ("可评选", "Eligible"),
    "html.vetoed": ("一票否决", "Vetoed"),
    "html.with_unknown": ("有未填报项", "With blank data"),
    "html.grades": ("等次分布", "Communities per grade"),
    "html.aspect_share": ("各方面得分率（全区）", "Aspect scores across the district"),
    "html.aspect_share_note": ("条形为平均得分率，细线为最低—最高，竖线为中位数。",
                               "Bars: mean share of the aspect's points; thin line: lowest to highest; tick: median."),
    "html.stacked": ("各社区{aspects_n}个方面得分", "Aspect scores by community"),
    "html.stacked_note": ("按总分从高到低，仅显示前 {n} 个社区（共 {total} 个）。",
                          "Best first; the top {n} of {total} communities are drawn."),
    "html.ranking": ("排名", "Ranking"),
    "html.ranking_note": ("仅列前 {n} 名，共 {total} 个社区；完整排名见 -o 结果.xlsx 或 -o 结果.csv。",
                          "The top {n} of {total} communities; the full ranking with -o results.xlsx or "
                          "-o results.csv."),
    "html.sections_note": ("社区较多（共 {total} 个），本页仅列得分最低的 {n} 个社区的报告；其他社区可用 "
                           "--community 编码 单独生成，全部差距见 -o 结果.xlsx 或 -o 结果.csv。",
                           "{total} communities: this page reports on the {n} lowest-scoring; any other one "
                           "with --community ID, every gap with -o results.xlsx or -o results.csv."),
    "html.common_gaps": ("最常见的差距", "Most common gaps"),
    "html.by_community": ("各社区报告", "Community reports"),
    "html.rank": ("名次", "Rank"), "html.id": ("编码", "ID"), "html.name": ("社区", "Community"),
    "html.street": ("{Group}", "{Group}"),
    "html.score": ("总分", "Score"), "html.grade": ("等次", "Grade"), "html.gaps": ("差距项", "Gaps"),
    "html.unknown": ("未知项", "Unknown"),
    "html.stars": ("星级", "Stars"), "html.penalty": ("减分", "penalty"),
    "html.item": ("项目", "Item"), "html.aspect": ("方面", "Aspect"), "html.fail": ("未达标", "Failed"),
    "html.partial": ("部分达标", "Partly met"),
    "html.share": ("占社区比例", "Share of communities"),
    "html.gap_list": ("差距清单", "Gaps"), "html.no_gaps": ("没有差距项。", "No gaps."),
    "html.blank_list": ("未填报（不计分，也不算未达标）", "Blank data (not scored, not counted as failed)"),
    "html.lost": ("失 {n} 分", "−{n} pts"),
    "html.gates": ("{Gates}", "{Gates}"),
    "html.not_eligible": ("不可评选", "not eligible"),
    "html.radar_label": ("{aspects_n}个方面得分率雷达图", "Radar chart of the {aspects_n} aspects"),
    "html.generated": ("由 jingpin {v} 生成", "Made by jingpin {v}"),
    "html.version": ("版本 {v}", "version {v}"),
    "html.veto_mark": ("一票否决", "vetoed"),
    # ---- screen
    "screen.col.rank": ("排名", "rank"), "screen.col.tie": ("并列", "tie"), "screen.col.id": ("社区编码", "id"),
    "screen.col.name": ("社区名称", "name"), "screen.col.street": ("{group_column}", "{group_column}"),
    "screen.col.score": ("总分", "score"),
    "screen.col.eligible": ("可评选", "eligible"), "screen.col.result": ("结果", "result"),
    "screen.col.unknown": ("未知项", "unknown"),
    "screen.col.weakest": ("最弱方面得分率", "weakest aspect share"), "screen.col.reasons": ("理由", "reasons"),
    "screen.col.to_get_in": ("补齐以下差距可入选", "to get in"),
    "screen.col.stability": ("稳定性（入选比例）", "stability (share picked)"),
    "screen.col.kept_out_by": ("未入选原因", "kept out by"),
    "screen.col.gaps_to_close": ("需补齐的差距", "gaps to close"),
    "screen.col.gap_count": ("差距项数", "gaps"), "screen.col.score_after": ("补齐后总分", "score after"),
    "screen.col.rank_after": ("补齐后排名", "rank after"), "screen.col.verified": ("已复核", "verified"),
    "screen.col.conclusion": ("结论", "conclusion"), "screen.col.picked_now": ("本次入选", "picked now"),
    "screen.col.share_picked": ("抽样中入选比例", "share of draws picked"),
    "screen.col.item": ("项目", "item"), "screen.col.value": ("内容", "value"),
    "screen.sheet.ranking": ("排名", "Ranking"), "screen.sheet.gaps": ("差距", "Gaps"),
    "screen.sheet.stability": ("稳定性", "Stability"), "screen.sheet.notes": ("说明", "Notes"),
    "screen.note.standard": ("标准", "standard"), "screen.note.top": ("选取数量", "top"),
    "screen.note.per_street": ("每{group}上限", "per {group}"),
    "screen.note.quota": ("按比例推荐", "quota"), "screen.note.selected": ("入选", "selected"),
    "screen.note.pilot": ("试点", "pilot"), "screen.note.order": ("排序规则", "order"),
    "screen.tty.id": ("编码", "id"), "screen.tty.name": ("社区", "community"),
    "screen.tty.street": ("{group}", "{group}"),
    "screen.tty.score": ("总分", "score"), "screen.tty.result": ("结果", "result"),
    "screen.tty.reasons": ("理由", "reasons"),
    "screen.tty.near_community": ("社区", "community"), "screen.tty.near_score": ("总分", "score"),
    "screen.tty.kept_out_by": ("未入选原因", "kept out by"),
    "screen.tty.to_get_in": ("补齐以下差距可入选", "to get in"),
    "screen.tty.stab_community": ("社区", "community"), "screen.tty.picked_now": ("本次入选", "picked now"),
    "screen.tty.share_picked": ("抽样中入选比例", "share of draws picked"),
    # ---- survey
    "survey.sheet.rates": ("群众评议", "Survey"), "survey.sheet.problems": ("问题", "Problems"),
    "survey.problem.file": ("文件", "file"), "survey.problem.sheet": ("工作表", "sheet"),
    "survey.problem.row": ("行", "row"),
    "survey.problem.column": ("列", "column"), "survey.problem.message": ("说明", "message"),
    # ---- diff (before / after)
    "diff.title": ("创建前后对比", "Before and after"),
    "diff.old": ("之前", "before"), "diff.new": ("之后", "after"),
    "diff.district": ("全区变化", "District totals"),
    "diff.communities": ("社区数", "Communities"),
    "diff.matched": ("两次都有 {m}，新增 {a}，移出 {r}", "in both {m}, new {a}, removed {r}"),
    "diff.mean": ("平均分（两次都有的社区）", "Mean score (communities in both)"),
    "diff.eligible": ("可评选", "Eligible"),
    "diff.gaps": ("差距项", "Gaps"),
    "diff.gaps_moves": ("补齐 {c}，新增 {o}", "closed {c}, opened {o}"),
    "diff.moves": ("分数提高 {i}，下降 {d}，不变 {u}；等次上升 {up}，下降 {down}",
                   "score up {i}, down {d}, unchanged {u}; grade up {up}, down {down}"),
    "diff.grades": ("等次分布", "Communities per grade"),
    "diff.grade": ("等次", "Grade"),
    "diff.by_community": ("各社区变化", "Per community"),
    "diff.name": ("社区", "Community"), "diff.id": ("编码", "ID"),
    "diff.old_score": ("原分", "Before"), "diff.new_score": ("现分", "After"), "diff.delta": ("变化", "Change"),
    "diff.closed": ("补齐", "Closed"), "diff.opened": ("新增差距", "Opened"),
    "diff.remaining": ("仍未达标", "Still open"),
    "diff.now_unknown": ("变为未填报", "Now blank"),
    "diff.narrowed": ("差距缩小", "Narrowed"),
    "diff.rules": ("各项差距的变化", "Gaps by rule"),
    "diff.item": ("项目", "Item"),
    "diff.added": ("新增的社区", "New communities"), "diff.removed": ("移出的社区", "Removed communities"),
    "diff.score": ("总分", "Score"),
    "diff.listed": ("{name}（{id}）{score}", "{name} ({id}) {score}"),  # an added or removed community
    "diff.standards_differ": ("注意：两次评估所用标准不同（{a} 与 {b}），分数变化可能来自标准本身。",
                              "Note: the two audits used different standards ({a} and {b}); "
                              "some change may come from the standard."),
    "diff.no_change": ("没有变化。", "No changes."),
    "diff.eligibility": ("可评选", "Eligible"), "diff.eligibility_move": ("可评选变化", "Eligibility change"),
    "diff.gained": ("新入可评选", "became eligible"), "diff.lost": ("不再可评选", "no longer eligible"),
    "diff.entered": ("新增：{names}", "in: {names}"), "diff.left": ("退出：{names}", "out: {names}"),
    "diff.eligible_change": ("{n}（{moves}）", "{n} ({moves})"),
    "diff.source_changed": ("来源变化", "Source changed"),
    "diff.source_note": ("注意：群众评议比率的来源两次不同（之前：{old}；之后：{new}）。"
                         "由此变化的 {n} 项单独列为“来源变化”，不算作补齐或新增差距。",
                         "Note: the survey rates come from different sources (before: {old}; after: {new}). The {n} "
                         "items that changed with them are listed as “source changed”, not as gaps closed or opened."),
    "diff.source.survey": ("问卷计算", "survey answers"), "diff.source.table": ("报表填报", "typed in a table"),
    "diff.source.none": ("无", "none"),
    "diff.status": ("对比", "Compared"), "diff.status.both": ("两次都有", "in both"),
    "diff.status.added": ("新增的社区", "new"), "diff.status.removed": ("移出的社区", "removed"),
    "diff.old_grade": ("原等次", "Grade before"), "diff.new_grade": ("现等次", "Grade after"),
    "diff.old_eligible": ("原可评选", "Eligible before"), "diff.new_eligible": ("现可评选", "Eligible after"),
    "diff.closed_items": ("补齐的项目", "Gaps closed"), "diff.opened_items": ("新增的差距", "Gaps opened"),
    "diff.street": ("{group_column}", "{group_column}"),
    "diff.sheet.district": ("全区变化", "District"), "diff.sheet.communities": ("各社区变化", "Communities"),
    "diff.sheet.rules": ("各项差距的变化", "Gaps by rule"),
    "diff.was": ("（原为：{text}）", " (was: {text})"),  # after a gap's title or message
    # ---- the Word reports (audit, screen, diff): what the HTML says, as a document to send upward
    "docx.date": ("{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}"),
    "docx.heading": ("{cn}、{title}", "{n}. {title}"),
    "docx.standard": ("评估标准：{title}（{id}，版本 {version}）", "Standard: {title} ({id}, version {version})"),
    "docx.basis": ("依据文件：{issuer}《{doc}》（{date}）", "Based on: {doc}, {issuer} ({date})"),
    "docx.data_files": ("数据文件：{files}", "Data files: {files}"),
    "docx.count": ("{n} 个（{pct}）", "{n} ({pct})"),
    "docx.aspect_value": ("{mean}（{low}—{high}）", "{mean} ({low}–{high})"),
    "docx.aspect_note": ("条形为全区平均得分率，括号内为最低—最高。",
                         "Bars: the district's mean share of each aspect's points; in brackets: lowest–highest."),
    "docx.sites": ("示范点条件", "Demonstration sites"),
    "docx.sites_line": ("{n} 个社区{gates}全部达标、无一票否决，可评选为示范点：{names}。",
                        "{n} communities meet every {gates} condition with no veto and may be picked as "
                        "demonstration sites: {names}."),
    "docx.sites_none": ("没有社区符合示范点条件。", "No community meets the conditions of a demonstration site."),
    "docx.sites_how": ("按总分选取示范点并说明理由，请用 jingpin screen。",
                       "To pick the sites by score, with reasons: jingpin screen."),
    "docx.not_eligible": ("不可评选：{reasons}", "Not eligible: {reasons}"),
    "docx.score": ("总分 {score} / {total}", "Score {score} / {total}"),
    "docx.community_head": ("{name}（{id}）{score} 分 · {grade}", "{name} ({id}) {score} points · {grade}"),
    "docx.community_title": ("{name}（{id}）评估报告", "{name} ({id}): assessment report"),
    "docx.gap": ("【{status}】{message}{lost}", "[{status}] {message}{lost}"),
    "docx.lost": ("（失 {n} 分）", " (−{n} pts)"),
    "docx.points": ("得分", "Points"),
    "docx.sections_note": ("社区较多（共 {total} 个），以下仅列得分最低的 {n} 个社区的报告；其他社区可用 "
                           "--community 编码 单独生成，全部差距见 -o 结果.xlsx。",
                           "{total} communities: the reports below are the {n} lowest-scoring; any other one with "
                           "--community ID, every gap with -o results.xlsx."),
    "docx.ranking_note": ("仅列前 {n} 名，共 {total} 个社区；完整排名见 -o 结果.xlsx。",
                          "The top {n} of {total} communities; the full ranking with -o results.xlsx."),
    "docx.screen.picks": ("入选社区及理由", "Picked, with reasons"),
    "docx.screen.ranking": ("排名及理由", "Ranking and reasons"),
    "docx.diff.head": ("{name}（{id}）{old} → {new}（{delta}）· {grade}",
                       "{name} ({id}) {old} → {new} ({delta}) · {grade}"),
    "docx.diff.eligibility": ("可评选的变化", "Eligibility"),
    "docx.diff.gained": ("新成为可评选（{n} 个）：{names}", "Now eligible ({n}): {names}"),
    "docx.diff.lost": ("不再可评选（{n} 个）：{names}", "No longer eligible ({n}): {names}"),
    # ---- the data-collection template (Excel sheet and YAML record)
    "template.type.text": ("文字", "text"), "template.type.int": ("整数", "whole number"),
    "template.type.num": ("数字", "number"),
    "template.type.bool": ("有/无", "yes/no"), "template.type.rate": ("比率 0—100", "rate 0–100"),
    "template.type.score": ("考评分 0—100", "score 0–100"),
    "template.type.level": ("等级", "level"),
    "template.bonus": ("加分项", "Bonus items"),
    "template.profile": ("基本情况及参考数据（不直接计分）", "Profile and reference data (not scored directly)"),
    "template.self": ("自评", "self"), "template.inspected": ("核查", "inspected"),
    "template.header": ("{label}（{notes}）", "{label} ({notes})"),
    "template.how.id": ("必填，不得重复；按文字保存（保留开头的 0）",
                        "required, unique; kept as text (leading zeros stay)"),
    "template.how.name": ("必填", "required"),
    "template.how.bool_sheet": ("从下拉框选 有 或 无", "choose yes or no"),
    "template.how.bool": ("填 有 或 无（也可填 是/否、√/×）", "yes or no"),
    "template.how.rate": ("填 0—100 的数（95 表示 95%）", "a number 0–100 in {what} (95 means 95 %)"),
    "template.how.score": ("填 0—100 的数（{what}）", "a number 0–100 ({what})"),
    "template.how.int": ("填整数，不能为负", "a whole number, not negative"),
    "template.how.num": ("填数字，不能为负", "a number, not negative"),
    "template.how.unit": ("，单位 {unit}", ", in {unit}"),
    "template.how.period": ("，统计期：{period}", ", counted over: {period}"),
    "template.how.level_sheet": ("从下拉框选：{words}", "choose one of: {words}"),
    "template.how.level": ("填以下之一：{words}", "one of: {words}"),
    "template.how.text": ("文字", "text"),
    "template.note.0": ("本表由 jingpin 按“{title}”（{id} {version}）生成。",
                        "Data template for {title} ({id} {version})."),
    "template.note.1": ("一行填一个社区。请勿修改第一行表头：jingpin 靠表头识别每一列。",
                        "One row per community. Keep the header row as it is: "
                        "jingpin reads the headers to know each column."),
    "template.note.2": ("空白表示“未填报”（情况不明），既不算“无”也不算 0 分，报告中单独列出；确实没有的请填“无”或 0。",
                        "A blank cell means 'not filled in' (unknown): it is neither 'no' nor 0, "
                        "and the report lists it apart."),
    "template.note.3": ("有/无列请从下拉框选择；数字列只填数字，单位以表头括号中的为准。",
                        "Yes/no columns: choose yes or no. Numbers: digits only, in the unit named in the header."),
    "template.note.4": ("比率填 0—100 的数（95 表示 95%）。社区编码按文字保存，开头的 0 不会丢。",
                        "Rates: 0–100 (95 means 95 %). Codes keep their leading zeros."),
    "template.note.5": ("自评与核查：同一项可并列“（自评）”和“（核查）”两列（见 jingpin template --self-check），"
                        "按核查值计分，相差较大的在报告中列出。",
                        "Self-assessment vs inspection: columns '… (self)' and '… (inspected)' may stand side by side; "
                        "the inspected value is scored."),
    "template.note.6": ("填好后运行 jingpin audit 文件或文件夹 检查并评分。",
                        "Check the filled sheet with: jingpin audit <folder or file>"),
    "template.sheet.data": ("排查摸底表", "Communities"), "template.sheet.guide": ("说明", "Instructions"),
    "template.guide.column": ("列", "column"), "template.guide.header": ("表头", "header"),
    "template.guide.key": ("YAML 键", "YAML key"),
    "template.guide.aspect": ("方面", "aspect"), "template.guide.type": ("类型", "type"),
    "template.guide.unit": ("单位", "unit"),
    "template.guide.how": ("怎么填", "how to fill in"), "template.guide.blank": ("空白表示", "blank means"),
    "template.guide.rules": ("用于评分", "scored by"),
    "template.blank": ("未填报（不算无，也不算 0）", "unknown (not filled in)"),
    "template.not_scored": ("不直接计分", "—"),
    "template.check_title": ("请检查填写的值", "Check the value"),
    "template.yaml_intro": ("一个文件填一个社区；冒号后填值，不知道的留空。"
                            "键也可以写字段键或别名（见 jingpin standards fields）。",
                            "One community per file. Keys may also be the Chinese labels or field keys (jingpin "
                            "standards fields)."),
}

# the one-community form (jingpin template --form); records/forms.py reads its header words in both languages
WORDS.update({
    "template.form.sheet": ("社区填报表", "Community form"),
    "template.form.title": ("{title}·社区填报表", "{title}: community form"),
    "template.form.note": ("一个工作表填一个社区（可复制本表，改名为社区名称）；一个文件放几个社区也可以。"
                           "请勿改动“项目”“单位”两列：jingpin 靠它们识别每一项。"
                           "空白表示“未填报”，既不算“否”也不算 0 分，确实没有的请填“否”或 0。"
                           "填好后交回，收齐放进一个文件夹，运行 jingpin audit 文件夹名。（{id} {version}）",
                           "One community per sheet (copy the sheet and rename it after the community); a file may "
                           "hold several. Keep the Item and Unit columns as they are: jingpin reads each row by "
                           "them. A blank means not known, neither no nor 0. Collect the filled forms in one folder "
                           "and run jingpin audit FOLDER. ({id} {version})"),
    "template.form.item": ("项目", "Item"), "template.form.value": ("填报内容", "Entry"),
    "template.form.unit": ("单位", "Unit"), "template.form.notes": ("说明", "Notes"),
    "template.form.filler": ("填表人", "Filled in by"), "template.form.date": ("填表日期", "Date filled in"),
    "template.form.other": ("其他项目", "Other items"),
    "template.form.how.bool": ("从下拉框选 {yes} 或 {no}（也可填 有/无）", "choose {yes} or {no}"),
})

TEMPLATE_NOTES = 7  # template.note.0 … template.note.6


def word(key: str, lang: str, **params) -> str:
    """The word `key` in `lang`, with params filled in (a word that names the pack's own terms, such
    as the street column, takes them from Standard.words: `word(key, lang, **std.words(lang))`)."""
    text = choose(WORDS[key], lang)
    return text.format(**params) if params else text


def words(keys, lang: str, prefix: str = "", **params) -> list[str]:
    """Several words at once: `words(["id", "name"], lang, "audit.col.")`."""
    return [word(prefix + k, lang, **params) for k in keys]


# the top-level keys of a standards pack, by their Chinese names (standards diff)
PACK_SECTIONS = {
    "rules": "规则", "aspects": "方面", "gates": "门槛", "terms": "用词", "grades": "等次", "fields": "字段",
    "scoring": "计分", "survey": "群众评议", "self_assessment": "自评与核查", "units": "单位",
    "lists": "清单", "title": "名称", "document": "依据文件", "veto_grade": "一票否决等次",
    "grades_source": "等次依据", "ignore_headers": "忽略的表头", "goal": "目标", "id": "标识",
    "version": "版本",
}
