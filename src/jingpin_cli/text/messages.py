"""User-facing text in Chinese (default) and English, in one place so both stay in step."""

from __future__ import annotations

import re

LANGS = ("zh", "en")

# pydantic error types that say the same thing (the pydantic.* messages below)
_NOT_A_NUMBER = ("“{input}”不是数字；请填数字，如 300", "'{input}' is not a valid number; write one such as 300")
_NOT_WHOLE = ("“{input}”不是整数；请填整数，如 30", "'{input}' is not a whole number; write one such as 30")
_NOT_YES_NO = ("“{input}”不是是/否值；请填 true 或 false", "'{input}' is not yes/no; write true or false")
_NOT_A_MAPPING = ("应为“键: 值”的映射，如 {{zh: 名称}}，而不是“{input}”",
                  "must be a mapping of keys and values such as {{zh: name}}, not '{input}'")

MESSAGES: dict[str, tuple[str, str]] = {
    # locations
    "loc.sheet": ("工作表“{sheet}”", "sheet '{sheet}'"),
    "loc.row": ("第 {row} 行", "row {row}"),
    "loc.line": ("第 {line} 行", "line {line}"),
    "loc.column": ("“{column}”列", "column '{column}'"),
    "loc.column_header": ("{column} 列“{header}”", "column {column} '{header}'"),
    "loc.cell": ("{cell} 单元格（{header}）", "cell {cell} ({header})"),
    "loc.cell_bare": ("{cell} 单元格", "cell {cell}"),
    # what a JSON report of `jingpin audit` must hold where it does not (diff_bad_report)
    "json.list": ("列表", "a list"),
    "json.number": ("数字", "a number"),
    "json.text": ("文本", "text"),
    "json.object": ("对象（一个社区的记录）", "an object (one community's record)"),
    "json.rule+status": ("含 rule 和 status 的对象", "an object with rule and status"),
    "json.report": ("含 communities 列表的对象", "an object holding a 'communities' list"),
    "json.top": ("文件的顶层", "the top level"),
    "json.id": ("社区编码（文本或整数）", "a community id (text or a whole number)"),
    "json.score": ("不小于 0 的有限数字", "a finite number of 0 or more"),
    "json.status": ("以下之一：{statuses}", "one of {statuses}"),
    "json.bool": ("是否值（true、false 或 null）", "true, false or null"),
    "json.text_or_null": ("文本或 null", "text or null"),
    "json.standard": ("含 id 和 version 的对象", "an object with id and version"),
    "json.shown_list": ("一个列表", "a list"),
    "json.shown_object": ("一个对象", "an object"),
    "json.long_number": ("一个 {digits} 位的数字", "a number of {digits} digits"),
    "json.not_utf8": ("不是 UTF-8 编码", "not UTF-8"),
    "json.too_deep": ("嵌套过深（列表或对象套了上千层）", "nested too deeply (a thousand levels of lists or objects)"),
    "detail.no_suffix": ("（无后缀）", "(none)"),
    "detail.not_a_score": ("应为 0 或以上的分数，而不是 {value}", "must be a score of 0 or more, not {value}"),
    "standard.points_of_aspect": ("方面“{aspect}”的规则", "the rules of aspect '{aspect}'"),
    "standard.points_of_aspects": ("各方面", "the aspects"),
    "standard.valid": (
        "{id} {version}：有效 — {rules} 条规则（{scored} 条计分），{fields} 个字段，满分 {total}",
        "{id} {version}: OK — {rules} rules ({scored} scored), {fields} fields, {total} points",
    ),
    # the survey's note on a rate finding (records/survey_rates.rate_note)
    "rate_note.interval": ("{n} 份，95% 区间 {lo}–{hi}%", "{n} answers, 95% interval {lo}–{hi}%"),
    "rate_note.only": ("仅 {n} 份", "only {n} answers"),
    "rate_note.small_sample": ("样本不足 {min} 份", "sample below {min}"),
    # why a community has its grade, and its stars (results/audit/grades.py)
    "grade.reason": ("未达{grade}：{why}", "not {grade}: {why}"),
    "grade.cond.score": ("总分 {have}，须 ≥ {min}", "score {have}, needs ≥ {min}"),
    "grade.cond.score_without_bonus": ("不含加分总分 {have}，须 ≥ {min}", "score without bonus {have}, needs ≥ {min}"),
    "grade.cond.aspect_share": ("{aspect}得分率 {have}，须 ≥ {min}", "{aspect} {have} of its points, needs ≥ {min}"),
    "grade.cond.aspect_points": ("{aspect}得分 {have}，须 ≥ {min}", "{aspect} {have} points, needs ≥ {min}"),
    "grade.cond.stars": ("获 {have} 星，须 ≥ {min} 星", "{have} stars, needs ≥ {min}"),
    "grade.cond.rule": ("“{rule}”未通过", "“{rule}” not passed"),
    "grade.incomplete": ("{grade}（数据不全）", "{grade} (incomplete data)"),
    "grade.incomplete_note": ("数据不全：未填报的项目还有 {points} 分未计入（达到可得分的三分之一），"
                              "这个等次主要反映的是缺少的数据，补齐后再看",
                              "Incomplete data: blank items still hold {points} points (a third or more of what "
                              "can be earned); this grade reflects the missing data more than the community"),
    "audit.bonus_points": ("含加分 {n} 分", "incl. bonus {n}"),
    "audit.over_total": ("总分超过 {total} 分的社区含加分（加分项在 {total} 分之外另计）",
                         "Scores above {total} include bonus points (counted outside the {total})"),
    "stars.count": ("{n} 星", "{n} stars"),
    # why a community is not eligible (results/audit/eligibility.py)
    "eligibility.veto": ("一票否决：{field}", "vetoed: {field}"),
    "eligibility.veto_unknown": ("一票否决项未填报：{field}", "veto item left blank: {field}"),
    "eligibility.gate_fail": ("未达“{gates}”：{gate}", "{gates} not met: {gate}"),
    "eligibility.score_low": ("总分 {have}，可评选须 ≥ {min}", "score {have}, eligibility needs ≥ {min}"),
    "eligibility.grade_low": ("等次为“{have}”，可评选须为“{min}”或以上",
                              "graded {have}; eligibility needs {min} or better"),
    "eligibility.stars_low": ("获 {have} 星，可评选须 ≥ {min} 星", "{have} stars, eligibility needs ≥ {min}"),
    "eligibility.gate_unknown": ("“{gates}”数据未填报：{gate}", "{gates} data blank: {gate}"),
    "more_problems": ("……另有 {n} 个问题未列出", "… and {n} more problems"),
    # problems with input files
    "problem.not_found": ("找不到该文件或文件夹", "no such file or folder"),
    "problem.standard_not_found": ("找不到该标准：既不是文件或文件夹，也不是内置标准（内置：{packs}）{hint}",
                                   "no such standard: not a file or folder, nor a shipped pack ({packs}){hint}"),
    "problem.no_data_files": (
        "文件夹中没有可读的数据文件（.csv、.xlsx、.xls、.et、.ods、.txt、.yaml 等）",
        "the folder holds no data files (.csv, .xlsx, .xls, .et, .ods, .txt, .yaml …)",
    ),
    "problem.unsupported_file": (
        "不支持的文件类型“{suffix}”，请另存为 .xlsx 或 .csv",
        "unsupported file type '{suffix}'; save it as .xlsx or .csv",
    ),
    "problem.unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "problem.not_regular_file": (
        "是{what}，不是普通文件，不能读取（只读取普通文件）；请换成实际的文件，文件夹中的请删除或移走",
        "is {what}, not a regular file, and is not read (only regular files are); name the real file, "
        "or remove it from the folder",
    ),
    # what a path is when it is not a regular file (files.special_kind)
    "path.fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "path.device": ("设备文件", "a device"),
    "path.socket": ("套接字", "a socket"),
    "path.folder": ("文件夹", "a folder"),
    "path.broken_link": ("失效的链接（指向的“{target}”不存在）",
                         "a broken symbolic link (to '{target}', which does not exist)"),
    "path.link_loop": ("链接循环（链接最终指向自己）", "a symbolic link loop (it leads back to itself)"),
    "path.link": ("符号链接", "a symbolic link"),
    "path.other": ("特殊文件", "a special file"),
    "problem.yaml_encoding": (
        "YAML 文件不是 UTF-8 编码；请用记事本或编辑器另存为 UTF-8",
        "the YAML file is not UTF-8; save it as UTF-8 in your editor",
    ),
    "problem.encoding": (
        "无法识别文件编码（已尝试 {tried}）；请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx",
        "unknown text encoding (tried {tried}); save it from Excel/WPS as 'CSV UTF-8' or .xlsx",
    ),
    "problem.bad_csv": ("CSV 格式错误：{detail}", "malformed CSV: {detail}"),
    "problem.bad_xlsx": ("不是有效的 Excel 文件：{detail}", "not a valid Excel file: {detail}"),
    "problem.bad_yaml": ("YAML 格式错误：{detail}", "malformed YAML: {detail}"),
    "problem.yaml_not_mapping": (
        "YAML 记录应为一个社区（键: 值）或 communities: 列表",
        "a YAML record must be one community (key: value) or a 'communities:' list",
    ),
    "problem.empty_file": ("文件是空的，没有社区数据", "the file is empty: no community data"),
    "problem.no_header": (
        "找不到表头行（应含“社区编码”和“社区名称”）",
        "no header row found (it must hold 社区编码/id and 社区名称/name)",
    ),
    "problem.unknown_header": (
        "未知的表头“{header}”{hint}",
        "unknown column '{header}'{hint}",
    ),
    "problem.unknown_key": ("未知的字段“{header}”{hint}", "unknown key '{header}'{hint}"),
    "hint.did_you_mean": ("，是不是“{suggestion}”？", "; did you mean '{suggestion}'?"),
    "hint.none": ("，请对照字段表（jingpin standards fields）修改或删除该列", "; see `jingpin standards fields`"),
    "problem.duplicate_header": (
        "“{header}”与 {other} 列是同一字段“{field}”，请只保留一列",
        "'{header}' and column {other} are the same field '{field}'; keep one",
    ),
    "problem.note_row": (
        "“{text}”是合计或说明行，已跳过（不计为社区）",
        "'{text}' is a total or note row; skipped (not read as a community)",
    ),
    "problem.no_sheet": ("没有名为“{sheet}”的工作表（现有：{sheets}）", "no sheet '{sheet}' (sheets: {sheets})"),
    "problem.missing_id_column": ("缺少“社区编码”列", "the '社区编码' (id) column is missing"),
    "problem.missing_columns": (
        "数据中缺少 {n} 项的列：{labels}；读取它们的规则对每个社区都按未填报计（不得分，可能因此不可评选）。"
        "请在数据表中补上这些列",
        "no column in the data for {n} field(s): {labels}; every community is unknown on the rules that read them "
        "(no points, and perhaps not eligible). Add the columns to the data sheet"),
    "problem.missing_name_column": ("缺少“社区名称”列", "the '社区名称' (name) column is missing"),
    "problem.missing_id": ("社区编码为空", "the community id is blank"),
    "problem.missing_name": ("社区名称为空", "the community name is blank"),
    "problem.duplicate_id": (
        "社区编码“{id}”重复，另见 {other}",
        "community id '{id}' appears twice; also at {other}",
    ),
    "problem.bad_bool": (
        "“{value}”不是有效的是/否值，请填 有/无、是/否 或 √/×",
        "'{value}' is not a yes/no value; use 有/无, 是/否, Y/N or yes/no",
    ),
    "problem.bad_level": (
        "“{value}”不是{label}的等级，请填：{levels}",
        "'{value}' is not a level of {label}; use one of: {levels}",
    ),
    "problem.odd_characters": (
        "“{value}”含有看不见的格式字符或控制字符，已读作“{fixed}”；请在表格中删去这些字符",
        "'{value}' holds invisible format or control characters, read as '{fixed}'; remove them from the sheet",
    ),
    "problem.bad_number": ("“{value}”不是数字；请填阿拉伯数字，可带单位，如 300 或 300㎡",
                           "'{value}' is not a number; write it in digits, with its unit if any, e.g. 300 or 300㎡"),
    "problem.ambiguous_comma": (
        "“{value}”中的逗号不是千位分隔符：小数请用小数点（如 320.5），几个数请分开填写；"
        "千位分隔只能每三位一个逗号（如 1,200）",
        "the comma in '{value}' is not a thousands separator: write a decimal with a point (320.5) and "
        "separate numbers apart; a thousands comma comes every three digits (1,200)",
    ),
    "problem.date_in_number": (
        "“{value}”是日期，不是{label}的数值；请改为数字（单元格格式设为“常规”或“数值”）",
        "'{value}' is a date, not a number for {label}; type the number (cell format General or Number)",
    ),
    "problem.not_integer": ("“{value}”应为整数", "'{value}' must be a whole number"),
    "problem.bad_unit": (
        "“{value}”的单位“{unit}”不适用于{label}（应为 {expected}）",
        "'{value}': unit '{unit}' does not fit {label} (expected {expected})",
    ),
    "problem.bad_header_unit": (
        "表头中的单位“{unit}”不适用于{label}（应为 {expected}）",
        "the unit '{unit}' in the header does not fit {label} (expected {expected})",
    ),
    "problem.negative": ("{label}不能为负数：“{value}”", "{label} cannot be negative: '{value}'"),
    "problem.rate_range": (
        "比率应在 0—100% 之间：“{value}”",
        "a rate must be between 0 and 100 %: '{value}'",
    ),
    "problem.score_range": ("考评分应在 0—100 分之间：“{value}”", "a score must be between 0 and 100: '{value}'"),
    "problem.bad_list_item": (
        "“{value}”不是“{list}”可列的项目{hint}",
        "'{value}' is not an item of '{list}'{hint}",
    ),
    "problem.not_scalar": ("“{header}”应填一个值，而不是列表或嵌套结构",
                           "'{header}' must be a single value, not a list or mapping"),
    "problem.bad_list": ("“{list}”应为列表", "'{list}' must be a list"),
    # standards
    # a pack's cross-references (standard.models.consistency_errors): the detail of standard_invalid
    "check.field_twice": ("字段“{item}”定义了两次，请删去一个", "key '{item}' is defined twice"),
    "check.catalog_needs": ("字段表必须有“{item}”", "the catalog must define '{item}'"),
    "check.unknown_unit": ("字段“{field}”的单位“{unit}”没有在 units 中定义", "'{field}' has unknown unit '{unit}'"),
    "check.list_not_bool": ("清单“{name}”列出的“{item}”不是是/否字段",
                            "'{name}' names '{item}', which is not a yes/no field"),
    "check.rule_id_twice": ("规则编号“{id}”用了两次，请改用不同的编号", "id '{id}' is used twice"),
    "check.unknown_aspect": ("没有方面“{aspect}”（已有：{known}）", "unknown aspect '{aspect}' (known: {known})"),
    "check.unknown_task": ("方面“{aspect}”没有任务“{task}”", "aspect '{aspect}' has no task '{task}'"),
    "check.kind_cannot_read": ("{kind} 规则不能读取 {type} 类型的字段“{item}”",
                               "a {kind} rule cannot read {type} field '{item}'"),
    "check.gate_unknown_rule": ("门槛“{gate}”列出的规则“{rule}”不存在", "gate '{gate}' names unknown rule '{rule}'"),
    "check.grade_unknown_aspect": ("等次“{grade}”列出的方面“{aspect}”不存在（已有：{known}）",
                                   "grade '{grade}' names unknown aspect '{aspect}' (known: {known})"),
    "check.grade_unknown_rule": ("等次“{grade}”列出的规则“{rule}”不存在",
                                 "grade '{grade}' names unknown rule '{rule}'"),
    "check.stars_needed": ("用 min_stars 之前先写 stars:（怎样算获得一颗星）",
                           "min_stars needs a `stars:` block (what earns a star)"),
    "check.too_many_stars": ("要求 {stars} 颗星，但本标准只有 {n} 个方面",
                             "{stars} stars asked, the pack has {n} aspects"),
    "check.when_bounds": ("条件字段“{field}”不是数字，不能用 min / max / above / below；请用 is",
                          "condition field '{field}' is not a number: use `is`, not min / max / above / below"),
    "check.when_is_type": ("条件 is 的值与字段“{field}”的类型不符"
                           "（是/否字段写 true 或 false，数字字段写数字，文字字段写文字）",
                           "the condition's `is` does not fit field '{field}' (true/false for yes/no, numbers for "
                           "numbers, words for text)"),
    "check.unknown_grade": ("没有等次“{grade}”", "unknown grade '{grade}'"),
    "check.last_band": ("最后一个等次的 min_score 必须为 0，每个得分才都有等次",
                        "the last band must start at 0 so that every score has a grade"),
    "check.band_order": ("等次请按 min_score 从高到低排列", "list the bands from the highest min_score down"),
    "check.unknown_field": ("字段表中没有“{item}”", "unknown field '{item}'"),
    # a rule kind's own cross-references (rules/<kind>.check)
    "check.item_bool_bounds": ("“{item}”为是/否字段：请用 good（符合要求的值），不要用 min / max",
                               "'{item}' is yes/no: use `good`, not `min`/`max`"),
    "check.level_unknown_word": ("“{word}”不是“{field}”的等级（它的等级：{levels}）",
                                 "'{word}' is not a level of '{field}' (its levels: {levels})"),
    "check.level_no_score": ("等级“{missing}”没有分值：“{field}”的每个等级都要有分值（{levels}）",
                             "no score for {missing}: every level of '{field}' needs one ({levels})"),
    "check.level_order": ("较差的等级“{worse}”（{low} 分）得分高于更好的等级“{better}”（{high} 分）；"
                           "字段表按从好到差列出等级",
                          "'{worse}' ({low}) scores more than the better level '{better}' ({high}); the catalog lists "
                          "levels best first"),
    "pack.group_column": ("{street}", "{group}"),  # the street column's header: the field's label, or the group word
    "problem.standard_invalid": ("{path}: {detail}", "{path}: {detail}"),
    # pydantic's error types in our words, each with what to do (standard/load.py); {name} is the YAML key
    "pydantic.or": ("；或者", "; or "),  # the members of a union that all failed
    "pydantic.missing": ("缺少必填的“{name}”；请补上 {name}: …", "'{name}' is required; add '{name}: …'"),
    "pydantic.extra_forbidden": (
        "不认识的键“{name}”，这里不允许；请检查拼写（可用的键见 jingpin standards schema）或删去",
        "unknown key '{name}', not allowed here; check the spelling (`jingpin standards schema` lists the keys) "
        "or remove it",
    ),
    "pydantic.comma_in_value": (
        "值中含逗号，请给整个值加引号：{{…}} 里的半角逗号把值截成两段，“{name}”被当成了另一个键；"
        "写成 {fixed}，或把逗号改为全角“，”",
        "the value contains a comma; put the whole value in quotes: inside {{…}} a half-width comma cut the "
        "value in two and '{name}' was read as another key; write {fixed}, or use a full-width ，",
    ),
    "pydantic.string_type": ("应为文字，而不是“{input}”；若文字像数字或 true/false，请加引号",
                             "must be text, not '{input}'; put it in quotes if it looks like a number or true/false"),
    "pydantic.float_parsing": _NOT_A_NUMBER, "pydantic.float_type": _NOT_A_NUMBER,
    "pydantic.int_parsing": _NOT_WHOLE, "pydantic.int_type": _NOT_WHOLE, "pydantic.int_from_float": _NOT_WHOLE,
    "pydantic.bool_parsing": _NOT_YES_NO, "pydantic.bool_type": _NOT_YES_NO,
    "pydantic.finite_number": ("不能是 .nan 或 .inf；请填一个数", "must be a finite number, not .nan or .inf"),
    "pydantic.greater_than": ("应大于 {gt}，现为 {input}；请修改", "must be greater than {gt}, not {input}"),
    "pydantic.greater_than_equal": ("应不小于 {ge}，现为 {input}；请修改", "must be at least {ge}, not {input}"),
    "pydantic.less_than": ("应小于 {lt}，现为 {input}；请修改", "must be less than {lt}, not {input}"),
    "pydantic.less_than_equal": ("应不大于 {le}，现为 {input}；请修改", "must be at most {le}, not {input}"),
    "pydantic.literal_error": ("“{input}”不是可选的值；可选：{expected}",
                               "'{input}' is not an accepted value; accepted: {expected}"),
    "pydantic.list_type": ("应为列表，如 [甲, 乙]，而不是“{input}”", "must be a list such as [a, b], not '{input}'"),
    "pydantic.dict_type": _NOT_A_MAPPING, "pydantic.model_type": _NOT_A_MAPPING,
    "pydantic.model_attributes_type": _NOT_A_MAPPING,
    "pydantic.too_short": ("至少要有 {min_length} 项，现有 {actual_length} 项；请补上",
                           "needs at least {min_length} items, has {actual_length}; add them"),
    "pydantic.too_long": ("至多 {max_length} 项，现有 {actual_length} 项；请删减",
                          "takes at most {max_length} items, has {actual_length}; remove some"),
    "pydantic.union_tag_invalid": ("{discriminator}“{tag}”不认识；可选：{expected_tags}",
                                   "unknown {discriminator} '{tag}'; accepted: {expected_tags}"),
    "pydantic.union_tag_not_found": ("缺少 {discriminator}；请写明类型，如 kind: threshold"
                                     "（类型见 jingpin standards kinds）",
                                     "{discriminator} is missing; name the kind, e.g. kind: threshold "
                                     "(`jingpin standards kinds` lists them)"),
    "pydantic.value_error": ("取值不符合要求：{error}", "invalid value: {error}"),
    "pydantic.source_one_of": ("请写 quote（文件原文）或 local（本地设定的理由）二者之一",
                               "give exactly one of `quote` (the report's words) or `local` (the reason)"),
    "pydantic.verify_method": (
        "考核方式“{method}”不认识；可写：{accepted}，或“由…考核”“…组织考核”；几种方式写成列表，如 [查资料, 看现场]",
        "unknown verification method '{method}'; accepted: {accepted}, or '由…考核' / '…组织考核'; "
        "several methods as a list, e.g. [查资料, 看现场]",
    ),
    "pydantic.veto_points": ("一票否决项不计分，请删去 points", "a veto rule carries no points; remove `points`"),
    "pydantic.rate_order": ("zero_at（得 0 分的比率）应低于 min（达标线），请修改其一",
                            "zero_at (the rate that earns nothing) must be below min (the pass line); change one"),
    "pydantic.bonus_points": ("加分项的分值由 per（每项加分）和 cap（上限）给出，请删去 points",
                              "a bonus rule's points are `per` and `cap`; remove `points`"),
    "pydantic.penalty_points": ("减分项的分值由 per（每次减分）和 cap（上限）给出，请删去 points",
                                "a penalty rule's points are `per` and `cap`; remove `points`"),
    "pydantic.verify_empty": ("请至少写一种考核方式", "give at least one verification method"),
    "pydantic.when_empty": ("条件 when 至少要写 is、min、max、above、below 之一",
                            "a `when:` condition needs `is`, `min`, `max`, `above` or `below`"),
    "pydantic.item_one_way": ("每个扣分项只用一种扣法：deduct（扣固定分）、per_unit（按单位扣）"
                              "或 void: true（本项不得分），请只留一种",
                              "an item deducts in exactly one way: `deduct`, `per_unit` or `void: true`"),
    "pydantic.item_per_unit_bound": ("per_unit 按低于 min 或高于 max 的单位数扣分，请写上 min 或 max",
                                     "`per_unit` counts units short of `min` or over `max`: give one of them"),
    "pydantic.item_min_above_max": ("min 大于 max，请修改其一", "`min` is above `max`"),
    "pydantic.floor_above_points": ("floor（最低得分 {floor}）高于本项分值（{points}），请修改其一",
                                    "`floor` ({floor}) is above the rule's points ({points})"),
    "pydantic.level_points": ("points（{points}）应是各等级得分中的最高分（{best}）；也可删去 points，自动取最高分",
                              "points ({points}) must be the highest of the scores ({best})"),
    "pydantic.per_min_zero": ("用 per（按基数）时，min 应大于 0（它是每个基数要求的量）",
                              "with `per`, min must be above 0 (it is the amount asked per basis)"),
    "pydantic.levels_too_few": ("等级字段“{field}”的 levels 至少要列两个等级，从好到差",
                                "level field '{field}' must list at least two words in `levels`, best first"),
    "pydantic.levels_not_level": ("levels 只用于等级（level）字段；“{field}”的类型是 {type}",
                                  "`levels` belongs to a level field; '{field}' is of type {type}"),
    "pydantic.levels_spelling_twice": ("“{spelling}”同时指“{field}”的两个等级：{one} 和 {two}；请删去其一",
                                       "'{spelling}' names two levels of '{field}': {one} and {two}"),
    "pydantic.stars_one_bar": ("min_share（0–1）和 min_points 请写且只写一个",
                               "give exactly one of `min_share` (0–1) or `min_points`"),
    "problem.standard_quote_not_found": (
        "引文“{start}”在 {source} 中找不到；请从 source.txt 原样复制这段原文（空白和全角半角标点不计），"
        "或者若这是本地设定的值，改写为 source: {{local: 理由}}",
        "the quote '{start}' is not in {source}; copy the words from source.txt as they are (whitespace and "
        "full-width/half-width punctuation do not matter), or, for a value the pack sets itself, write "
        "source: {{local: the reason}}",
    ),
    "problem.standard_duplicate_key": (
        "顶层键“{key}”在 {other} 中已出现",
        "top-level key '{key}' is already given in {other}",
    ),
    # output
    "problem.output_is_input": (
        "输出文件不能覆盖输入数据，请换一个文件名",
        "the output would overwrite an input file; choose another name",
    ),
    "problem.output_beside_data": (
        "{suffix} 文件写在了数据文件“{file}”所在的文件夹“{folder}”里：以后读取整个文件夹时，它会被当作一份数据读入；"
        "如要读取整个文件夹，请先把它移到文件夹之外",
        "the {suffix} file is written beside the data file '{file}' in '{folder}': read as a whole later, the "
        "folder would take it for data; move it out before reading the folder"),
    "problem.output_in_data_folder": (
        "不能把 {suffix} 文件写进数据文件夹“{folder}”：下次运行时它会被当作一份数据读入；"
        "请写到数据文件夹之外，如 -o {outside}（.html、.md、.json 等报告可以写在里面）",
        "a {suffix} file inside the data folder '{folder}' would be read as data on the next run; write it "
        "outside the folder, e.g. -o {outside} (reports such as .html, .md or .json may go inside)",
    ),
    "problem.output_failed": ("无法写入输出文件：{detail}", "cannot write the output: {detail}"),
    # why the system refused a file (errors.os_detail)
    "os.not_found": ("文件或文件夹不存在，请检查路径", "no such file or folder; check the path"),
    "os.denied": ("没有权限，请换一个有权限的位置，或关闭正在使用该文件的程序",
                  "permission denied; use a place you may write to, or close the program using the file"),
    "os.full": ("磁盘空间不足", "no space left on the disk"),
    "os.read_only": ("这是只读的磁盘或文件夹", "the disk or folder is read-only"),
    "os.is_folder": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    "os.not_folder": ("路径中的某一级不是文件夹", "a part of the path is not a folder"),
    "os.name_too_long": ("文件名太长", "the file name is too long"),
    "problem.output_not_regular": (
        "输出只能写到新文件或已有的普通文件，这里是链接、设备、管道或文件夹；请换一个文件名（-o - 写到屏幕）",
        "the output can only be a new file or an existing regular file, not a link, device, pipe or folder; "
        "choose another name (-o - writes to standard output)",
    ),
    "problem.unknown_community": (
        "数据中没有社区“{query}”{hint}",
        "no community '{query}' in the data{hint}",
    ),
    "problem.bad_option": ("{detail}", "{detail}"),
    "problem.serve_needs_extra": (
        "网页界面需要另外安装几个组件（缺少 {missing}）：pip install \"jingpin[serve]\"；"
        "在源代码文件夹中：pip install \".[serve]\"",
        "the web page needs its extra packages (missing: {missing}): pip install \"jingpin[serve]\", "
        "or pip install \".[serve]\" in a source folder",
    ),
    "problem.serve_needs_password": (
        "监听 {host} 时其他电脑也能访问：请用 --password 或环境变量 JINGPIN_PASSWORD 设置密码，"
        "或者去掉 --host（只在本机使用）",
        "listening on {host} lets other computers in: set a password with --password or JINGPIN_PASSWORD, "
        "or leave out --host (this computer only)",
    ),
    "problem.serve_folder_outside_root": (
        "数据文件夹不在 --root 指定的 {root} 之下：请换一个文件夹，或改用包含它的 --root",
        "the data folder is not under --root {root}: choose another folder, or a --root that holds it",
    ),
    "serve.listening": ("jingpin 网页已启动：{url}  （按 Ctrl+C 结束）",
                        "jingpin is serving on {url}  (Ctrl+C to stop)"),
    "problem.rule_lookup": ("{detail}", "{detail}"),
    "problem.unknown_rule": (
        "标准中没有规则“{rule}”{hint}（规则编号和名称见 jingpin standards list，字段见 jingpin standards fields）",
        "the standard has no rule '{rule}'{hint} (`jingpin standards list` gives every rule id)",
    ),
    # `jingpin check` and waivers (issue 4)
    "problem.duplicate_key": (
        "键“{name}”在同一处写了两次（另见第 {other} 行），YAML 只保留后一个值，请删去一个",
        "key '{name}' is given twice in one mapping (also on line {other}); YAML keeps only the last value, remove one",
    ),
    "problem.standard_unknown_field": (
        "{path}：规则读取的字段“{field}”不在字段表中，请对照 fields.yaml 修改字段名或添加该字段",
        "{path}: the rule reads field '{field}', which the catalog lacks; fix the key or add the field to "
        "fields.yaml",
    ),
    "problem.standard_repeated_item": (
        "{path}：“{item}”列了两次，同一项只能列一次；要让它多扣分，请用 deduction 规则给它单独的扣分值",
        "{path}: '{item}' is listed twice; list each item once (a deduction rule gives an item its own deduction)",
    ),
    "problem.standard_points": (
        "{path}：{what}合计 {got} 分，应为 {want} 分；请调整 points",
        "{path}: {what} add up to {got} points, not {want}; adjust the points",
    ),
    "problem.data_not_checked": (
        "用于读取数据的标准（--standard）本身有错误，本数据未检查；先修正标准",
        "the standard used to read the data (--standard) is itself invalid, so this data was not checked; fix it first",
    ),
    "problem.gates_skipped": (
        "数据有错误，未执行 {gates} 检查；先修正上面的错误",
        "the data has errors, so {gates} was not run; fix the errors above first",
    ),
    "problem.below_fail_under": (
        "{name}（{id}）得分 {score}，低于 --fail-under {threshold}",
        "{name} ({id}) scores {score}, below --fail-under {threshold}",
    ),
    "problem.not_eligible": (
        "{name}（{id}）不可评选：{reasons}",
        "{name} ({id}) is not eligible: {reasons}",
    ),
    "problem.waiver_file": (
        "豁免文件应为 waivers: 列表，每项含 community、rule、reason、approver、expires",
        "a waiver file must be a 'waivers:' list; each entry gives community, rule, reason, approver, expires",
    ),
    "problem.waiver_entry": (
        "豁免项应为“键: 值”形式（community、rule、reason、approver、expires）",
        "a waiver must be a mapping (community, rule, reason, approver, expires)",
    ),
    "problem.waiver_missing": ("豁免项缺少“{name}”（必填，不能为空）",
                               "the waiver lacks '{name}' (required, not blank)"),
    "problem.waiver_unknown_key": (
        "豁免项中未知的键“{name}”{hint}（可用的键：community、rule、reason、approver、expires）",
        "unknown key '{name}' in a waiver{hint} (keys: community, rule, reason, approver, expires)",
    ),
    "problem.waiver_same_key": (
        "“{name}”与“{other}”是同一项，一个豁免项中只能写一次，请删去其中一个",
        "'{name}' and '{other}' are the same key; a waiver gives it once, remove one",
    ),
    "problem.waiver_bad_date": (
        "“{value}”不是日期，请写成 2027-06-30",
        "'{value}' is not a date; write it as 2027-06-30",
    ),
    "problem.waiver_expired": (
        "对 {community} 的规则 {rule} 的豁免已于 {expires} 到期；请续批或删除",
        "the waiver of rule {rule} for {community} expired on {expires}; renew or remove it",
    ),
    "problem.waiver_long": (
        "豁免有效期至 {expires}，超过 {years} 年；豁免是临时的，请写明实际的到期日（如新用房交付之日）",
        "the waiver runs until {expires}, more than {years} years from now; a waiver is temporary: give the real "
        "end date (such as when the new rooms are handed over)",
    ),
    "problem.waiver_unknown_rule": (
        "标准中没有规则“{rule}”{hint}（规则编号和名称见 jingpin standards list，字段见 jingpin standards fields）",
        "the standard has no rule '{rule}'{hint} (`jingpin standards list` gives every rule id)",
    ),
    "problem.waiver_not_waivable": (
        "规则“{rule}”是加分项，不能豁免",
        "rule '{rule}' is a bonus item and cannot be waived",
    ),
    "problem.waiver_duplicate": (
        "{community} 的规则 {rule} 已在第 {other} 行豁免过；两处均不生效，请只保留一处",
        "rule {rule} for {community} is already waived on line {other}; neither applies until one is removed",
    ),
    "problem.waiver_unknown_community": (
        "数据中没有社区编码“{community}”，该豁免未使用{hint}",
        "no community '{community}' in the data; the waiver is not used{hint}",
    ),
    "problem.waiver_unused": (
        "{community} 已达到规则 {rule}，该豁免不需要，可删除",
        "{community} already meets rule {rule}; the waiver is not needed and can be removed",
    ),
    "waiver.note": (
        "（已豁免：{reason}；批准人 {approver}；有效期至 {expires}）",
        " (waived: {reason}; approved by {approver}; until {expires})",
    ),
    "waiver.score": ("不计豁免 {score} 分", "{score} without waivers"),
    "check.summary": (
        "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告",
        "checked {files} files: {errors} errors, {warnings} warnings",
    ),
    "check.clean": ("检查了 {files} 个文件：未发现问题", "checked {files} files: no problems"),
    "loc.line_col": ("第 {line} 行第 {col} 列", "line {line}, col {col}"),
    "loc.key": ("键“{name}”", "key '{name}'"),
    # custom standards (`extends:`), templates, self-assessment vs inspection (issue 9)
    "problem.extends_bad": (
        "extends 应写基础标准的文件夹路径（相对于本文件）或内置标准名，如 xinshi-2011",
        "extends must name a base pack: a path relative to this file, or a shipped pack such as xinshi-2011",
    ),
    "problem.extends_not_found": (
        "找不到 extends 指定的基础标准“{base}”（内置标准：{packs}）{hint}",
        "no base pack '{base}' for extends (shipped packs: {packs}){hint}",
    ),
    "problem.extends_cycle": ("extends 形成循环：“{base}”最终又继承了本标准",
                              "extends goes round in a circle: '{base}' extends this pack again"),
    "problem.patch_without_extends": (
        "“{name}”只能用于有 extends 的标准（它修改基础标准）",
        "'{name}' only works in a pack with extends (it changes the base pack)",
    ),
    "problem.patch_unknown_id": ("{op}：基础标准中没有“{id}”{hint}", "{op}: the base pack has no '{id}'{hint}"),
    "problem.patch_duplicate_id": (
        "{op}：“{id}”已在基础标准中，请改用 {list}_replace 或 {list}_override",
        "{op}: '{id}' is already in the base pack; use {list}_replace or {list}_override",
    ),
    "problem.patch_bad": ("“{name}”应为 {shape}", "'{name}' must be a {shape}"),
    "problem.override_keeps_source": (
        "{what} 修改了数值，却仍引用报告原文（quote）；请改写 source: {{local: 修改理由}}",
        "{what} changes values but still quotes the report; give source: {{local: the reason}}",
    ),
    "problem.extends_keeps_id": (
        "继承的标准沿用了基础标准的 {name}“{value}”；请写自己的 {name}，以免报告混淆两个标准",
        "the pack keeps the base pack's {name} '{value}'; give it its own {name} so reports tell them apart",
    ),
    "problem.output_exists": (
        "文件已存在，为免覆盖已填数据未写入；请换一个文件名，或加 --force 覆盖",
        "the file exists; not overwritten so that filled-in data is not lost (choose another name or add --force)",
    ),
    "problem.self_discrepancy": (
        "{label}：自评 {self_value}，核查 {inspected}，相差 {difference}（允许 {tolerance}），按核查值计分",
        "{label}: self-reported {self_value}, inspected {inspected}, differs by {difference} (allowed {tolerance}); "
        "the inspected value is scored",
    ),
    "problem.self_discrepancy_bool": (
        "{label}：自评“{self_value}”，核查“{inspected}”，按核查值计分",
        "{label}: self-reported '{self_value}', inspected '{inspected}'; the inspected value is scored",
    ),
    "problem.self_only": (
        "“{header}”只有自评值，没有核查值；按标准设置（uninspected: unknown）视为未填报",
        "'{header}' has self-reported values but no inspected ones; "
        "per the standard (uninspected: unknown) they count as unknown",
    ),
    # 群众评议: raw survey answers (records/surveys.py, records/survey_rates.py, results/survey/, formats/survey/)
    "problem.survey_not_in_standard": (
        "标准 {standard} 没有群众评议（survey）设置，问卷文件夹未读取；本标准不用问卷，可把该文件夹移出数据文件夹",
        "the standard {standard} has no resident survey (survey:), so this folder was not read; it can be moved "
        "out of the data folder",
    ),
    "problem.survey_no_files": (
        "没有问卷文件（.csv、.xlsx），也没有 surveys 文件夹",
        "no survey files (.csv, .xlsx) and no surveys/ folder",
    ),
    "problem.survey_no_header": (
        "找不到问卷表头行（应含“社区”列，以及“是否知晓”“是否参与”“满意程度”）",
        "no survey header row found (it must hold 社区 and 是否知晓 / 是否参与 / 满意程度)",
    ),
    "problem.survey_no_questions": (
        "问卷中没有 {columns} 中的任何一列",
        "the survey has none of the question columns {columns}",
    ),
    "problem.survey_missing_column": ("问卷缺少“{column}”列", "the survey has no '{column}' column"),
    "problem.survey_unknown_header": (
        "未知的问卷表头“{header}”，该列未使用{hint}",
        "unknown survey column '{header}', not used{hint}",
    ),
    "problem.survey_unknown_answer": (
        "“{value}”不是有效答案（应为 {expected}），该项未计入",
        "'{value}' is not a valid answer (expected {expected}); not counted",
    ),
    "problem.survey_blank_row": ("空行，未计入", "blank row; not counted"),
    "problem.survey_missing_community": (
        "未填社区，这份问卷未计入",
        "no community given; this questionnaire is not counted",
    ),
    "problem.survey_no_answers": (
        "这份问卷没有作答，未计入",
        "this questionnaire has no answers; not counted",
    ),
    "problem.survey_blank_answer": ("{columns} 未作答，该项未计入", "{columns} left blank; not counted"),
    "problem.survey_unknown_community": (
        "数据中没有社区“{value}”，这份问卷未计入{hint}",
        "no community '{value}' in the data; this questionnaire is not counted{hint}",
    ),
    "problem.survey_rate_conflict": (
        "{label}填报 {typed}%，问卷算得 {computed}%（{n} 份有效回答），相差超过 {tolerance} 个百分点；按问卷计分",
        "{label} typed as {typed}%, the survey gives {computed}% ({n} valid answers), "
        "more than {tolerance} points apart; the survey is scored",
    ),
    "survey.note.small_sample": (
        "{measure}仅 {n} 份有效回答，少于 {min} 份",
        "{measure}: only {n} valid answers, fewer than {min}",
    ),
    "survey.note.missing_type": ("没有{types}的问卷", "no answers from {types}"),
    "survey.measure.awareness": ("认知度", "awareness"),
    "survey.measure.participation": ("参与度", "participation"),
    "survey.measure.satisfaction": ("满意度", "satisfaction"),
    "survey.col.id": ("社区编码", "id"),
    "survey.col.name": ("社区名称", "name"),
    "survey.col.group": ("类别", "respondent type"),
    "survey.col.all": ("全部", "all"),
    "survey.col.respondents": ("问卷份数", "questionnaires"),
    "survey.col.valid": ("{measure}有效回答", "{measure} valid answers"),
    "survey.col.rate": ("{measure}(%)", "{measure} (%)"),
    "survey.col.share": ("{measure}", "{measure}"),  # a workbook's percent cell shows the % itself
    "survey.col.low": ("{measure}95%下限", "{measure} 95% low"),
    "survey.col.high": ("{measure}95%上限", "{measure} 95% high"),
    "survey.col.excluded": ("不计入的回答（{answers}）", "answers not counted ({answers})"),
    "survey.col.notes": ("提示", "notes"),
    "survey.title": ("群众评议（95% 区间）", "Resident survey (95% intervals)"),
    "survey.summary": (
        "读取 {files} 个文件、{rows} 行问卷，计入 {counted} 份",
        "read {files} files, {rows} questionnaire rows; {counted} counted",
    ),
    "survey.skipped": ("未计入：{items}", "not counted: {items}"),
    "survey.skip.blank_row": ("空行 {n} 行", "{n} blank rows"),
    "survey.skip.missing_community": ("未填社区 {n} 份", "{n} without a community"),
    "survey.skip.no_answers": ("未作答 {n} 份", "{n} without answers"),
    "survey.skip.unknown_community": ("社区不在数据中 {n} 份", "{n} for communities not in the data"),
    "survey.answers_not_counted": (
        "无效答案 {unknown} 个、空白答案 {blank} 个未计入（详见警告）",
        "{unknown} invalid and {blank} blank answers not counted (see the warnings)",
    ),
    "survey.excluded_answers": (
        "{excluded} 个“{answers}”按标准不计入满意度",
        "{excluded} '{answers}' answers left out of satisfaction, as the standard says",
    ),
    "survey.legend": (
        "比率后为 95% 区间；黄色：比率达标但区间下限低于标准，样本不足以确认",
        "each rate is followed by its 95% interval; "
        "yellow: the rate meets the standard but the interval's lower end does not",
    ),
    # ---- screen (排查摸底与示范点选取) ----
    "problem.screen_include_excluded": (
        "“{name}”（{id}）同时出现在 --include 和 --exclude 中，请只保留一处",
        "'{name}' ({id}) is given to both --include and --exclude; keep one",
    ),
    "problem.screen_include_ineligible": (
        "“{name}”（{id}）不可评选（未达“{gates}”、一票否决或门槛数据未填报），不能指定入选；"
        "运行 jingpin audit --community {id} 查看原因",
        "'{name}' ({id}) is not eligible ({gates} not met, vetoed or {gates} data blank) and cannot be "
        "forced in; run `jingpin audit --community {id}` to see why",
    ),
    "problem.screen_include_too_many": (
        "--include 指定了 {n} 个社区，多于 --top {top}",
        "--include names {n} communities, more than --top {top}",
    ),
    "problem.screen_include_street": (
        "--include 在{street}指定了 {n} 个社区，超过 --per-street（每{group}至多）{k}",
        "--include names {n} communities of {street}, more than --per-street {k}",
    ),
    "problem.screen_bad_quota": ("--quota 应为 0 到 100% 之间的比例（如 10% 或 0.1）：{value}",
                                 "--quota must be a share between 0 and 100% (10% or 0.1): {value}"),
    "problem.screen_bad_spread": ("--spread 应在 0 到 1 之间（0.2 即 ±20%）：{value}",
                                  "--spread must be between 0 and 1 (0.2 = ±20 %): {value}"),
    "audit.rows_hidden": (
        "仅显示得分最高的 {shown} 个社区，另有 {hidden} 个未显示（共 {total} 个）；"
        "全部显示用 --rows 0，或导出：-f xlsx -o 结果.xlsx",
        "showing the {shown} best-scoring communities; {hidden} more not shown ({total} in all): "
        "--rows 0 shows all, or export with -f xlsx -o results.xlsx",
    ),
    "diff.rows_hidden": (
        "仅显示得分变化从高到低的前 {shown} 个社区，另有 {hidden} 个未显示（共 {total} 个）；"
        "全部显示用 --rows 0，或导出：-o 对比.xlsx",
        "showing the first {shown} communities by change of score, largest gain first; {hidden} more not shown "
        "({total} in all): --rows 0 shows all, or export with -o diff.xlsx",
    ),
    "diff.more_listed": ("等，另有 {n} 个未列出（--rows 0 列出全部）", " and {n} more (--rows 0 lists all)"),
    "survey.rows_hidden": (
        "仅显示前 {shown} 个社区，另有 {hidden} 个未显示（共 {total} 个）；全部显示用 --rows 0，或导出：-o 评议.xlsx",
        "showing the first {shown} communities; {hidden} more not shown ({total} in all): --rows 0 shows all, "
        "or export with -o survey.xlsx",
    ),
    "warnings_hidden": (
        "另有 {hidden} 条警告未显示（共 {total} 条）；全部列出：jingpin check 同一路径 --rows 0，"
        "或 jingpin check 同一路径 -f json -o 问题.json",
        "{hidden} more warnings not shown ({total} in all): jingpin check on the same path with --rows 0 "
        "lists them all, or -f json -o problems.json",
    ),
    "check.rows_hidden": (
        "仅列出前 {shown} 个问题，另有 {hidden} 个未列出（共 {total} 个）；全部列出用 --rows 0，"
        "或导出：-f json -o 问题.json",
        "listing the first {shown} problems; {hidden} more not listed ({total} in all): --rows 0 lists all, "
        "or export with -f json -o problems.json",
    ),
    "screen.status.picked": ("入选", "picked"),
    "screen.status.included": ("指定入选", "forced in"),
    "screen.status.excluded": ("指定排除", "forced out"),
    "screen.status.ineligible": ("不可评选", "not eligible"),
    "screen.status.street_full": ("{group}名额已满", "{group} full"),
    "screen.status.below_cut": ("未入选", "not picked"),
    "screen.reason.picked_even": ("总分 {score}，排名第 {rank}；各方面得分率均为 {share}",
                                  "score {score}, rank {rank}; every aspect at {share}"),
    "screen.reason.picked": (
        "总分 {score}，排名第 {rank}；最强：{strong} {strong_pct}，最弱：{weak} {weak_pct}",
        "score {score}, rank {rank}; strongest: {strong} {strong_pct}, weakest: {weak} {weak_pct}",
    ),
    "screen.reason.included": ("由 --include 指定入选", "forced in by --include"),
    "screen.reason.excluded": ("由 --exclude 排除", "forced out by --exclude"),
    "screen.reason.street_full": ("{street}已选满 {k} 个（每{group}至多 {k} 个）",
                                  "{street} has reached the cap of {k} per {group}"),
    "screen.reason.below_cut": ("总分 {score}，比入选线（{cut} 分）低 {diff} 分",
                                "score {score}, {diff} below the cut ({cut})"),
    "screen.reason.tie_cut": ("与入选线同分（{score}），按{by}排在其后",
                              "same score as the cut ({score}); placed after it by {by}"),
    # said on the terminal and on the web page alike: the option's words, then the command line's in brackets
    "screen.reason.no_places": ("按比例推荐 0 个：比例太小，没有名额；"
                                "可提高比例，或把名额取整改为“进一”（--rounding ceil）",
                                "the quota comes to 0 places: raise the share, or round the places up "
                                "(--rounding ceil)"),
    "screen.reason.tie": ("与 {other} 同分，按{by}排序", "tied with {other}; ordered by {by}"),
    "screen.reason.no_street": ("{group_column}未填报，不计入每{group}名额",
                                "{group_column} blank: not counted against a {group}'s cap"),
    "screen.key.unknown": ("“未知项更少者在前”", "fewer unknowns first"),
    "screen.key.weakest": ("“最弱方面得分率更高者在前”", "higher weakest-aspect share first"),
    "screen.key.id": ("社区编码", "community id"),
    "screen.pilot": (
        "试点：{name}（{id}）——入选社区中{aspects_n}个方面最均衡，最弱的{weak}得分率也有 {weak_pct}；"
        "总分 {score}，排名第 {rank}",
        "pilot: {name} ({id}) — the most balanced pick: even its weakest aspect, {weak}, scores {weak_pct}; "
        "score {score}, rank {rank}",
    ),
    # rule kinds (rules/<kind>.py): findings and requirements
    "rule.period": ("{name}（{period}）", "{name} ({period})"),
    "rule.points": ("（{points} 分）", " ({points} points)"),
    "rule.number.unknown": ("{name} 未填报（标准 ≥ {need}）", "{name} unknown (required ≥ {need})"),
    "rule.number.pass": ("{name} {have}，达到标准（≥ {need}）", "{name} {have}, meets ≥ {need}"),
    "rule.number.short": ("{name} {have}，标准 ≥ {need}，差 {short}",
                          "{name} {have}, required ≥ {need}, short by {short}"),
    "rule.rate.short_unit": ("个百分点", "percentage points"),
    # threshold with `per` (每百户 30 ㎡): {need} is rule.per.need
    "rule.per.need": ("每{basis} {rate} × {count} {basis} = {total}", "{rate} per {basis} × {count} = {total}"),
    "rule.per.unknown": ("{name} 未填报（标准 {need}）", "{name} unknown (required {need})"),
    "rule.per.pass": ("{name} {have}，达到标准（{need}）", "{name} {have}, meets {need}"),
    "rule.per.short": ("{name} {have}，标准 {need}，差 {short}", "{name} {have}, required {need}, short by {short}"),
    "rule.per.blank": ("未填报", "unknown"),
    "rule.per.no_basis": ("{name} {have}；{basis_name}未填报，无法计算标准（每{basis} {rate}）",
                          "{name} {have}; {basis_name} unknown, so the requirement ({rate} per {basis}) "
                          "cannot be worked out"),
    "rule.per.requirement": ("每{basis} ≥ {rate}{points}", "≥ {rate} per {basis}{points}"),
    # level (rules/level.py): a judgement in words, each word its points
    "rule.level.score": ("{word} {points} 分", "{word} {points}"),
    "rule.level.unknown": ("{name}：未填报（{scale}）", "{name}: unknown ({scale})"),
    "rule.level.scored": ("{name}：{have}（{earned}/{points} 分）", "{name}: {have} ({earned}/{points} points)"),
    "rule.level.next": ("，再高一档为“{word}”（{points} 分）", "; the next level up is '{word}' ({points} points)"),
    "rule.level.requirement": ("按等级计分：{scores}", "scored by level: {scores}"),
    # scaled without a pass line (a part scored by another body)
    "rule.scaled.unknown": ("{name} 未填报（满分 {scale}，按比例折合 {points} 分）",
                            "{name} unknown (out of {scale}, converted to {points} points)"),
    "rule.scaled.scored": ("{name} {have}（满分 {scale}），折合 {earned}/{points} 分",
                           "{name} {have} (out of {scale}): {earned}/{points} points"),
    "rule.scaled.requirement": ("满分 {scale}，按比例折合{points}", "out of {scale}, converted in proportion{points}"),
    "rule.boolean.unknown": ("{name}：未填报", "{name}: unknown"),
    "rule.boolean.pass": ("{name}：{have}", "{name}: {have}"),
    "rule.boolean.fail": ("{name}：{have}（应为：{need}）", "{name}: {have} (required: {need})"),
    "rule.boolean.requirement": ("须为“{want}”{points}", "must be '{want}'{points}"),
    "rule.veto.unknown": ("{name}：未填报（一票否决项，必须填报）", "{name}: unknown (a veto item must be filled in)"),
    "rule.veto.fail": ("{name}：有，一票否决", "{name}: yes — vetoed"),
    "rule.veto.pass": ("{name}：无", "{name}: none"),
    "rule.veto.requirement": ("填“有”即一票否决", "'yes' vetoes the community (一票否决)"),
    "rule.checklist.missing": ("{group}缺：{items}", "{group} missing: {items}"),
    "rule.checklist.unknown": ("{group}未填报：{items}", "{group} unknown: {items}"),
    "rule.checklist.all": ("{group}齐全", "{group}: all present"),
    "rule.checklist.requirement": ("属于“{group}”，缺一项扣 {deduction} 分",
                                   "item of {group}; each missing item −{deduction}"),
    "rule.deduction.value": ("{name}：{have}", "{name}: {have}"),
    "rule.deduction.short": ("{name} {have}，标准 ≥ {need}，少 {short}",
                             "{name} {have}, required ≥ {need}, {short} short"),
    "rule.deduction.over": ("{name} {have}，标准 ≤ {need}，多 {over}",
                            "{name} {have}, allowed ≤ {need}, {over} over"),
    "rule.deduction.minus": ("，扣 {points} 分", ", −{points} points"),
    "rule.deduction.void": ("，本项不得分", ", so the item scores nothing"),
    "rule.deduction.unknown": ("未填报：{items}", "unknown: {items}"),
    "rule.deduction.all": ("{title}：各项均符合", "{title}: every item met"),
    "rule.deduction.requirement": ("扣分制，共 {n} 项，{points} 分扣至 {floor} 分为止",
                                   "deductions: {n} items, from {points} points down to {floor}"),
    "rule.when.is": ("{name}为“{value}”", "{name} is {value}"),
    "rule.when.and": (" 且 ", " and "),
    "rule.not_applicable": ("不适用（仅适用于{condition}的社区）", "not applicable (only where {condition})"),
    "rule.when.unknown": ("{name}未填报，不知本项是否适用", "{name} is blank, so it is unknown whether this applies"),
    "rule.bonus.unknown": ("{name}：未填报（不计加分）", "{name}: unknown (no bonus counted)"),
    "rule.bonus.none": ("{name}：{have}，无加分", "{name}: {have}, no bonus"),
    "rule.bonus.points": ("{name}：{have}，加 {points} 分", "{name}: {have}, +{points} points"),
    "rule.bonus.requirement": ("加分：每{unit}加 {per} 分，最多 {cap} 分", "bonus +{per} each, at most {cap}"),
    "rule.bonus.requirement_uncapped": ("加分：每{unit}加 {per} 分", "bonus +{per} each"),
    "rule.bonus.unit": ("个", ""),
    "rule.penalty.unknown": ("{name}：未填报（不知是否减分）", "{name}: unknown (no penalty counted)"),
    "rule.penalty.none": ("{name}：{have}，不减分", "{name}: {have}, nothing taken off"),
    "rule.penalty.points": ("{name}：{have}，减 {points} 分", "{name}: {have}, -{points} points"),
    "rule.penalty.requirement": ("减分：每{unit}减 {per} 分", "penalty -{per} each"),
    "rule.penalty.cap": ("，最多减 {cap} 分", ", at most {cap}"),
    # standards: describe (standard/describe.py) and diff (standard/diff.py)
    "describe.head.rule": ("规则", "rule"),
    "describe.head.aspect_task": ("方面 / 任务", "aspect / task"),
    "describe.head.title": ("名称", "title"),
    "describe.head.kind": ("类型", "kind"),
    "describe.head.points": ("分值", "points"),
    "describe.head.verify": ("考核方式", "verified by"),
    "describe.head.source": ("依据", "source"),
    "describe.reads": ("读取字段", "reads"),
    "describe.parameters": ("参数", "parameters"),
    "audit.rescaled": ("按适用的 {of} 分折算", "rescaled from the {of} points that apply"),
    "describe.when": ("适用条件", "applies where"),
    "describe.otherwise.full": ("不适用的社区得满分", "elsewhere it earns full points"),
    "describe.otherwise.drop": ("不适用的社区不计此项，总分按适用项折算",
                                "elsewhere it is left out and the total rescaled"),
    "describe.gate": ("{gates}门槛", "gate ({gates})"),
    "describe.aliases_left_out": ("其他写法（别名）见更宽的终端（≥ 100 列）",
                                  "aliases (other accepted headers) are shown at 100 columns or wider"),
    "describe.fields": ("字段表", "fields"),
    "describe.local_default": ("本地默认：", "local default: "),
    # standards fields / kinds / show (standard/describe.py)
    "describe.col.key": ("字段名", "key"),
    "describe.col.zh": ("中文表头", "中文"),
    "describe.col.en": ("英文名", "English"),
    "describe.col.type": ("类型", "type"),
    "describe.col.unit": ("单位", "unit"),
    "describe.col.aliases": ("也可写作", "aliases"),
    "describe.type.text": ("文本", "text"),
    "describe.type.int": ("整数", "int"),
    "describe.type.num": ("数值", "num"),
    "describe.type.bool": ("是否", "bool"),
    "describe.type.rate": ("比率(%)", "rate"),
    "describe.type.score": ("考评分", "score"),
    "describe.type.level": ("等级", "level"),
    "describe.kind_params": ("参数", "parameters"),
    "describe.matched.title": ("按规则名称“{query}”找到 {id}", "rule titled '{query}': {id}"),
    "describe.matched.field": ("按字段“{query}”找到读取它的规则 {id}", "the rule reading field '{query}': {id}"),
    "describe.field_unscored": ("“{query}”是字段 {keys}，没有规则读取它（只用于识别社区或换算），所以没有规则可显示",
                                "'{query}' is field {keys}, which no rule reads (it identifies or scales), so there "
                                "is no rule to show"),
    "describe.ambiguous": ("“{query}”对应多条规则：{ids}；请用规则编号指定一条，如 jingpin standards show {first}",
                           "'{query}' matches several rules: {ids}; name one by its id, e.g. "
                           "jingpin standards show {first}"),
    # rule kinds in words (the kind's docstring is the English, and the fallback for a kind without these)
    "kind.name.threshold": ("门槛", "threshold"),
    "kind.doc.threshold": ("数值达到 min 得满分；不足时按 scoring.partial_credit 给部分分。",
                           "A number at or above `min` earns the points; below it, partial credit per "
                           "scoring.partial_credit."),
    "kind.name.rate": ("比率", "rate"),
    "kind.doc.rate": ("比率（%）达到 min 得满分；在 zero_at 和 min 之间按比例得分。",
                      "A rate (%) at or above `min` earns the points; between `zero_at` and `min` points scale "
                      "linearly."),
    "kind.name.checklist": ("清单", "checklist"),
    "kind.doc.checklist": ("每一项都要有；每缺一项扣 deduct_per_item 分，扣完为止。",
                           "Every item must be present; each missing item deducts `deduct_per_item` down to zero "
                           "(扣完为止)."),
    "kind.name.boolean": ("是否", "boolean"),
    "kind.doc.boolean": ("是否项须等于 expected：全得或不得分。",
                         "A yes/no field must equal `expected`: all the points or none."),
    "kind.name.scaled": ("考评折算", "scaled"),
    "kind.doc.scaled": ("考评分（0–scale）按比例折算得分；达到 min 为达标（未设 min：满分才达标）。",
                        "An inspection score (0–`scale`) earns points in proportion; it passes at `min` (none: at "
                        "full marks)."),
    "kind.name.level": ("等级", "level"),
    "kind.doc.level": ("按等级词得分（好 4、较好 3、一般 2、没有 0）；最好的等级得满分。",
                       "A level field's word earns its score (好 4, 较好 3, 一般 2, 没有 0); the best word earns "
                       "`points`."),
    "kind.name.veto": ("一票否决", "veto"),
    "kind.doc.veto": ("一票否决：该项为“是”时，无论得分多少都被否决。本身不计分。",
                      "一票否决: when the field is true the community is vetoed, whatever its score. Carries no "
                      "points."),
    "kind.name.bonus": ("加分", "bonus"),
    "kind.doc.bonus": ("加分项：每一个（“是”算 1 个）加 per 分，最多 cap 分；在满分之外另加。",
                       "加分项: `per` points for each unit of the field (yes counts 1), at most `cap`; outside "
                       "the total."),
    "kind.name.penalty": ("减分", "penalty"),
    "kind.doc.penalty": ("减分：每一个（“是”算 1 个）减 per 分，最多减 cap 分（未设：不封顶）。",
                         "减分: `per` points off for each unit of the field (yes counts 1), at most `cap` (none: "
                         "uncapped)."),
    "kind.name.deduction": ("扣分制", "deduction"),
    "kind.doc.deduction": ("扣分制：从 points 起扣，每一项未做到扣分（或本项不得分），最低扣到 floor。",
                           "扣分制: starts at `points`; each item not met deducts (or voids the rule), down to "
                           "`floor`."),
    "standards_diff.none": ("两个标准没有差别", "no differences"),
    "standards_diff.counts": ("新增 {added} 项，删除 {removed} 项，修改 {changed} 项",
                    "{added} added, {removed} removed, {changed} changed"),
    "standards_diff.section": ("{name}（{key}）", "{key}"),
    "standards_diff.points": ("{points} 分", "{points} points"),
    "screen.gap.add": ("补齐{label}", "add {label}"),
    "screen.gap.fill_item": ("填报{label}（须为有）", "fill in {label} (must be yes)"),
    "screen.gap.raise": ("{label}增加 {amount}", "{label} +{amount}"),
    "screen.gap.raise_rate": ("{label}提高 {amount} 个百分点", "{label} +{amount} percentage points"),
    "screen.gap.raise_score": ("{label}提高 {amount} 分", "{label} +{amount} points"),
    "screen.gap.fill_value": ("填报{label}（须 ≥ {need}）", "fill in {label} (must be ≥ {need})"),
    "screen.gap.lower": ("{label}减少 {amount}", "{label} −{amount}"),
    "screen.gap.set_yes": ("落实{label}", "make '{label}' yes"),
    "screen.gap.set_no": ("{label}改为“否”", "make '{label}' no"),
    "screen.gap.fill_yes_no": ("填报{label}（须为{need}）", "fill in {label} (must be {need})"),
    "screen.gap.fill_level": ("填报{label}（最高为“{need}”）", "fill in {label} (best: '{need}')"),
    "screen.gap.raise_level": ("{label}提升为“{need}”", "raise {label} to '{need}'"),
    "screen.gap.join": (" + ", " + "),
    "screen.gap.result": ("{gaps} → 进入前 {top}（总分 {score}，第 {rank} 名）",
                          "{gaps} → into the top {top} (score {score}, rank {rank})"),
    "screen.gap.result_picked": ("{gaps} → 可入选（总分 {score}，排名第 {rank}）",
                                 "{gaps} → picked (score {score}, rank {rank})"),
    "screen.gap.unverified": ("（复核未通过）", " (not confirmed by re-selection)"),
    "screen.gap.none": (
        "即使补齐全部 {n} 项差距（总分 {score}）也进不了前 {top}",
        "even with all {n} gaps closed (score {score}) it does not reach the top {top}",
    ),
    "screen.gap.nothing": ("没有可补齐的差距（总分 {score}）", "no gap left to close (score {score})"),
    "screen.gap.vetoed": ("一票否决，补齐差距也不能入选", "vetoed: closing gaps cannot get it in"),
    "screen.title": ("示范点选取：前 {top} 名", "Demonstration sites: top {top}"),
    "screen.title_none": ("示范点选取：按比例推荐 0 个，没有社区入选",
                          "Demonstration sites: the quota comes to 0, none picked"),
    "screen.quota": ("按可评选社区数（{eligible} 个）的 {share}（{rounding}）推荐 {n} 个",
                     "{share} of the {eligible} eligible communities ({rounding}): {n} to pick"),
    "screen.quota_per_street": ("按各{group}可评选社区数的 {share}（{rounding}）推荐，"
                                "共 {n} 个（可评选 {eligible} 个）",
                                "{share} of each {group}'s eligible communities ({rounding}): {n} to pick "
                                "({eligible} eligible)"),
    "screen.quota_of_grade": ("按{grade}（及以上）社区数（{eligible} 个）的 {share}（{rounding}）推荐 {n} 个",
                              "{share} of the {eligible} communities graded {grade} or better ({rounding}): "
                              "{n} to pick"),
    "screen.quota_per_street_of_grade": ("按各{group}{grade}（及以上）社区数的 {share}（{rounding}）推荐，共 {n} 个",
                                         "{share} of each {group}'s communities graded {grade} or better "
                                         "({rounding}): {n} to pick"),
    "screen.rounding.round": ("四舍五入", "rounded half up"),
    "screen.rounding.floor": ("去尾", "rounded down"),
    "screen.rounding.ceil": ("进一", "rounded up"),
    "screen.per_street": ("每{group}至多 {k} 个", "at most {k} per {group}"),
    "screen.order": (
        "排序：总分高者在前；同分时未知项少者在前，再比最弱方面得分率，最后按社区编码。同分者标“=”。",
        "Order: score, highest first; ties broken by fewer unknowns, then the higher weakest-aspect share, then id. "
        "Ties are marked '='.",
    ),
    "screen.picked_count": ("入选 {n} 个：{names}", "{n} picked: {names}"),
    "screen.picked_count_more": ("入选 {n} 个：{names} 等（完整名单用 -o 结果.xlsx 或 --format csv）",
                                 "{n} picked: {names} and more (the full list: -o result.xlsx or --format csv)"),
    "screen.short": ("可评选社区不足：只选出 {n} 个（要求 {top} 个）",
                     "not enough eligible communities: {n} picked of {top} asked"),
    "screen.near_title": ("差一点入选", "Near misses"),
    "screen.near_more": ("……另有 {n} 个高分但不可评选的社区未列出",
                         "… and {n} more high-scoring communities that are not eligible"),
    "screen.stability_title": (
        "稳定性：各规则分值随机浮动 ±{pct}，{draws} 次抽样（种子 {seed}）",
        "Stability: rule points varied by ±{pct}, {draws} draws (seed {seed})",
    ),
    "screen.rows_shown": ("仅显示前 {n} 名，共 {total} 个社区；完整排名用 -o 结果.xlsx 或 --format csv/json",
                          "first {n} of {total} shown; the full ranking: -o result.xlsx or --format csv/json"),
    # jingpin diff (before/after)
    "problem.diff_bad_json": (
        "不是有效的 JSON 报告：{detail}；请用 jingpin audit --format json 生成的文件，或数据文件夹",
        "not a valid JSON report: {detail}; give a file written by `jingpin audit --format json`, or a data folder",
    ),
    "problem.diff_bad_report": (
        "不是 jingpin audit 的 JSON 报告：{where} 应为{what}，而不是 {input}",
        "not a JSON report of `jingpin audit`: {where} should be {what}, not {input}",
    ),
    "problem.diff_too_large": (
        "JSON 报告过大（{size}，上限 {limit}）；请直接对比两个数据文件夹：jingpin diff 旧文件夹 新文件夹",
        "the JSON report is too large ({size}; the limit is {limit}); compare the two data folders instead: "
        "jingpin diff OLD_FOLDER NEW_FOLDER",
    ),
    "problem.diff_missing_key": (
        "不是 jingpin audit 的 JSON 报告：缺少 {where}（应为{what}）",
        "not a JSON report of `jingpin audit`: {where} is missing (it should be {what})",
    ),
    "problem.diff_duplicate_id": (
        "JSON 报告中社区编码“{id}”出现两次：{where} 与 {other}；对比无法确定用哪一条",
        "community id '{id}' appears twice in the JSON report: {where} and {other}; diff cannot tell which to use",
    ),
    "problem.diff_duplicate_rule": (
        "JSON 报告中同一社区的规则“{rule}”出现两次：{where} 与 {other}",
        "rule '{rule}' appears twice for one community in the JSON report: {where} and {other}",
    ),
    "problem.bad_suffix": (
        "无法按后缀“{suffix}”写出这种文件；本命令可写：{accepted}（或加 --format，-o - 写到屏幕）",
        "cannot write a '{suffix}' file; this command writes {accepted} (or give --format; -o - writes to "
        "standard output)",
    ),
    "problem.xlsx_needs_output": (
        "Excel 工作簿不能输出到屏幕，请加 -o 文件名.xlsx",
        "an Excel workbook cannot be shown on screen; add -o FILE.xlsx",
    ),
    "problem.docx_needs_output": (
        "Word 文档不能输出到屏幕，请加 -o 文件名.docx",
        "a Word document cannot be shown on screen; add -o FILE.docx",
    ),
    # messy and hostile input (records/: csv_text, xlsx_sheets, tables; safe_yaml; limits in records/limits.py)
    "problem.too_large": (
        "文件太大（{size}，上限 {limit}）；请拆分成几个文件",
        "the file is too large ({size}; the limit is {limit}); split it into several files",
    ),
    "problem.too_many_cells": (
        "表格太大（{rows} 行 × {columns} 列，上限 {limit} 个单元格）；请拆分成几个文件",
        "the table is too large ({rows} rows × {columns} columns; the limit is {limit} cells); split it",
    ),
    "problem.too_many_columns": (
        "这一行超过 {limit} 列（Excel 的列数上限），不像社区数据表：请在 Excel/WPS 中打开，"
        "看这一行是否连着许多逗号（或制表符），删去多余的分隔符或整行后另存为 CSV",
        "this row has more than {limit} cells (Excel's column limit); this does not look like a table of"
        " communities: open the file in Excel/WPS, delete the extra commas (or the row) and save it as CSV again",
    ),
    "problem.too_many_texts": (
        "表格中互不相同的文字太多（到这一行已超过 {limit} 个），不像社区数据表；请检查文件，或拆分成几个文件",
        "too many different texts in the table (over {limit} by this row); this does not look like a table of"
        " communities: check the file, or split it",
    ),
    "problem.csv_irregular_large": (
        "文件的引号不成对或各行单元格数不一，且超过 {limit} 个单元格，无法逐行核对；"
        "请在 Excel/WPS 中打开后重新另存为 CSV，或拆分成几个文件",
        "the file's quotes do not pair up or its rows differ in length, and it has more than {limit} cells,"
        " too many to check row by row: open it in Excel/WPS and save it as CSV again, or split it",
    ),
    "problem.zip_bomb": (
        "这个 Excel 文件解压后异常巨大，为安全起见不予读取（{detail}）；请在 Excel 中另存后再试",
        "this Excel file would unpack to far more than it holds and is refused for safety ({detail}); "
        "save it again from Excel",
    ),
    "problem.xlsx_named_csv": (
        "文件内容是 Excel 工作簿，扩展名却是 .csv；请改名为 .xlsx",
        "this is an Excel workbook named .csv; rename it to .xlsx",
    ),
    "problem.xls_named_csv": (
        "文件内容是旧版 Excel（.xls）工作簿，扩展名却是 .csv；请在 Excel/WPS 中另存为 .xlsx",
        "this is an old Excel (.xls) workbook named .csv; save it from Excel/WPS as .xlsx",
    ),
    "problem.password_protected": (
        "文件设有打开密码，请在 Excel/WPS 中取消密码后另存为 .xlsx 再试",
        "the file has a password to open; remove the password in Excel/WPS, save it as .xlsx and try again",
    ),
    "problem.too_many_strings": (
        "工作簿中的文字条目超过 {limit} 个，远多于任何真实的排查表，为安全起见不予读取；请拆分或另存为 .csv",
        "the workbook holds more than {limit} distinct texts, far more than any real table, and is refused "
        "for safety; split it or save it as .csv",
    ),
    "problem.cell_too_long": (
        "有单元格超过 {limit} 个字符（Excel 单元格的上限），不是正常的表格数据；请检查文件",
        "a cell holds more than {limit} characters (Excel's own cell limit), which is no table data; "
        "check the file",
    ),
    "problem.out_of_memory": (
        "读取这个文件时内存不足；请拆分成几个小文件，或另存为 .csv 后再试",
        "ran out of memory reading this file; split it into smaller files or save it as .csv",
    ),
    "problem.formula_no_value": (
        "公式没有保存的计算结果，请在 Excel/WPS 中打开并保存后再试",
        "the formula has no saved result; open the file in Excel/WPS, save it, and try again",
    ),
    "problem.id_folded": (
        "社区编码“{value}”读作“{fixed}”（带“.0”的整数，与不带的是同一个编码；共 {count} 处，第 {rows} 行）",
        "community id '{value}' read as '{fixed}' (a whole number written with '.0' is the same id; "
        "{count} cells, rows {rows})",
    ),
    "problem.other_file": (
        "不是数据文件，未读取（只读取 .csv .txt .tsv .xlsx .xlsm .xls .et .ett .ods .yaml .yml）",
        "not a data file, not read (only .csv .txt .tsv .xlsx .xlsm .xls .et .ett .ods .yaml .yml are)",
    ),
    "problem.other_folder": (
        "是文件夹，未读取（只读取数据文件夹顶层的文件，问卷放在 surveys/）",
        "is a folder and is not read (only files at the top of the data folder are; surveys go in surveys/)",
    ),
    "problem.header_on_hidden_sheet": (
        "表头只在隐藏的工作表“{sheet}”中；如确要读取它，请加 --sheet {sheet}",
        "the header is only on the hidden sheet '{sheet}'; to read it, pass --sheet {sheet}",
    ),
    "problem.other_sheets": (
        "工作表 {others} 中也有表头，但只读取了“{sheet}”；要读其他工作表请用 --sheet，或分别存成文件",
        "sheets {others} also hold a header, but only '{sheet}' was read; "
        "choose with --sheet or save them as separate files",
    ),
    "problem.no_header_encoding": (
        "找不到表头行（文件按 {encoding} 编码读取；如果在记事本中看到乱码，请在 Excel/WPS 中另存为“CSV UTF-8”）",
        "no header row found (the file was read as {encoding}; if it is garbled, "
        "save it from Excel/WPS as 'CSV UTF-8')",
    ),
    "problem.no_data_rows": (
        "只有表头，没有社区数据行：如果这是空白的填报表（模板），请填好后再放入，或把它移出数据文件夹",
        "the file has a header but no community rows: if it is a blank form (template), fill it in or move it out "
        "of the data folder",
    ),
    "problem.ragged_row": (
        "这一行有 {cells} 个单元格，表头行有 {expected} 个：多或少了一个分隔符（逗号），后面的值会错位，请检查这一行",
        "this row has {cells} cells but the header row has {expected}: a separator (comma) too many or too few "
        "would shift every later value; check the row",
    ),
    "problem.no_header_values": (
        "此列没有表头，其中的 {count} 个值（如“{value}”）未读取；如需读取请补上表头",
        "this column has no header, so its {count} values (e.g. '{value}') are not read; add a header to use them",
    ),
    "problem.merged_across": (
        "合并单元格 {range} 横跨 {fields} 几个字段，无法判断值属于哪一个；请取消合并并分别填写",
        "merged cell {range} spans the fields {fields}, so its value belongs to none of them for sure; "
        "unmerge it and fill each cell",
    ),
    "problem.hidden_rows": (
        "第 {rows} 行在 Excel 中是隐藏的（手动隐藏或被筛选隐藏），这 {count} 行仍按数据读取、参与评估；"
        "如其中的社区不应参评，请删除这些行，或剪切到另一个工作表（只读取第一个有表头的可见工作表）；如应参评，请取消隐藏",
        "rows {rows} are hidden in Excel (by hand or by a filter); these {count} rows are still read and scored. "
        "If their communities should not take part, delete the rows or cut them to another sheet (only the first "
        "visible sheet with a header is read); if they should, unhide them",
    ),
    "problem.merged_down": (
        "合并单元格 {range} 的值“{value}”已分别计入这 {rows} 行；如果它是几行的合计，请取消合并并分别填写",
        "merged cell {range}: its value '{value}' is read for each of its {rows} rows; if it is a total "
        "for all of them, unmerge it and fill each row",
    ),
    # the one-community form (jingpin template --form; records/forms.py)
    "problem.form_missing_id": (
        "填报表没有填社区编码：请在“社区编码”一行的“填报内容”格填写（每个社区一个编码，不得重复）",
        "the form has no community id: fill in the Entry cell of the 社区编码 (Community code) row",
    ),
    "problem.form_unknown_item": (
        "标准中没有“{header}”这一项，该行未读入{hint}",
        "the standard has no item '{header}'; the row is not read{hint}",
    ),
    "problem.form_duplicate_item": (
        "“{header}”与 {other} 是同一项目“{field}”，请只保留一行",
        "'{header}' and {other} are the same item '{field}'; keep one row",
    ),
    "problem.form_needs_xlsx": (
        "填报表（--form）只能写成 Excel 工作簿，后缀“{suffix}”不行；可用：{accepted}",
        "the form (--form) is an Excel workbook, not a '{suffix}' file; use {accepted}",
    ),
}


def t(key: str, /, lang: str = "zh", **params) -> str:
    """The message `key` in `lang`, with params filled in (`key` is positional-only, so a message
    may have a parameter called {key})."""
    zh, en = MESSAGES[key]
    template = en if lang == "en" else zh
    return template.format(**params) if params else template


def exact(text, lang: str = "zh") -> str:
    """The member of a bilingual label in `lang` as written, even when empty (no fallback)."""
    return text.en if lang == "en" else text.zh


def lang_code(spelled: str) -> str | None:
    """zh or en from a language as a command line or an environment may spell it (en, zh_CN.UTF-8,
    zh-Hans, EN, en_US); None for any other."""
    code = re.split(r"[-_.@]", spelled.strip().lower(), maxsplit=1)[0]
    return code if code in LANGS else None


def pick(text, lang: str = "zh") -> str:
    """The zh or en member of a bilingual label (anything with .zh/.en), falling back to zh."""
    value = getattr(text, lang, None) if lang == "en" else None
    return value or text.zh


class Worded(str):
    """A problem parameter worded per language (a field's label, 有/无, a list of reasons): a problem
    is made once and rendered in the user's language later. As a string it is the Chinese text."""

    en: str

    def __new__(cls, zh: str, en: str):
        worded = super().__new__(cls, zh)
        worded.en = en
        return worded

    @classmethod
    def each(cls, words) -> Worded:
        """The same wording in both languages: words(lang) for "zh" and for "en"."""
        return cls(words("zh"), words("en"))

    @classmethod
    def label(cls, labelled) -> Worded:
        """A bilingual label (a field, a gate: anything pick() reads), English falling back to Chinese."""
        return cls.each(lambda lang: pick(labelled, lang))

    @classmethod
    def message(cls, key: str, **params) -> Worded:
        """The message `key` with `params`, in both languages."""
        return cls.each(lambda lang: t(key, lang, **params))

    def __getnewargs__(self):  # copy and pickle
        return str(self), self.en

    def render(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else str(self)
