"""User-facing text in Chinese (default) and English, in one place so both stay in step."""

from __future__ import annotations

LANGS = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # locations
    "loc.sheet": ("工作表“{sheet}”", "sheet '{sheet}'"),
    "loc.row": ("第 {row} 行", "row {row}"),
    "loc.line": ("第 {line} 行", "line {line}"),
    "loc.column": ("“{column}”列", "column '{column}'"),
    "loc.column_header": ("{column} 列“{header}”", "column {column} '{header}'"),
    "loc.sep": ("，", ", "),
    "more_problems": ("……另有 {n} 个问题未列出", "… and {n} more problems"),
    # problems with input files
    "problem.not_found": ("找不到该文件或文件夹", "no such file or folder"),
    "problem.no_data_files": (
        "文件夹中没有可读的数据文件（.csv、.xlsx、.yaml、.yml）",
        "the folder holds no data files (.csv, .xlsx, .yaml, .yml)",
    ),
    "problem.unsupported_file": (
        "不支持的文件类型“{suffix}”，请另存为 .xlsx 或 .csv",
        "unsupported file type '{suffix}'; save it as .xlsx or .csv",
    ),
    "problem.unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
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
    "problem.bad_number": ("“{value}”不是数字", "'{value}' is not a number"),
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
    "problem.not_scalar": ("“{header}”应填一个值，而不是列表或嵌套结构", "'{header}' must be a single value, not a list or mapping"),
    "problem.bad_list": ("“{list}”应为列表", "'{list}' must be a list"),
    # standards
    "problem.standard_invalid": ("{path}: {detail}", "{path}: {detail}"),
    "problem.standard_duplicate_key": (
        "顶层键“{key}”在 {other} 中已出现",
        "top-level key '{key}' is already given in {other}",
    ),
    # output
    "problem.output_is_input": (
        "输出文件不能覆盖输入数据，请换一个文件名",
        "the output would overwrite an input file; choose another name",
    ),
    "problem.output_failed": ("无法写入输出文件：{detail}", "cannot write the output: {detail}"),
    "problem.unknown_community": (
        "数据中没有社区“{query}”{hint}",
        "no community '{query}' in the data{hint}",
    ),
    "problem.bad_option": ("{detail}", "{detail}"),
    "problem.unknown_rule": ("标准中没有规则“{rule}”{hint}", "the standard has no rule '{rule}'{hint}"),
}


def t(key: str, lang: str = "zh", **params) -> str:
    """The message `key` in `lang`, with params filled in."""
    zh, en = MESSAGES[key]
    template = en if lang == "en" else zh
    return template.format(**params) if params else template


def pick(text, lang: str = "zh") -> str:
    """The zh or en member of a bilingual label (anything with .zh/.en), falling back to zh."""
    value = getattr(text, lang, None) if lang == "en" else None
    return value or text.zh
