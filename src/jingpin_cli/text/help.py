"""The command line's own words, zh and en: every help text (the app, each command, option and
argument), the argument names shown in usage lines, and the words of the command-line parser
(usage heading, sections, usage errors, did-you-mean), which commands/language.py puts in place of
typer's English before it parses or prints help.

Commands declare `help="audit.community"`: a key of HELP, looked up when the language is known
(`--lang en` or JINGPIN_LANG=en, read from the command line before parsing)."""

from __future__ import annotations

Pair = tuple[str, str]

_PACKS = "xinshi-2011、strict-2013、shequ-kaohe、wuxing-dabiao"

HELP: dict[str, Pair] = {
    # the app and its commands
    "app": ("党建精品社区创建标准评估工具：按评分细则给每个社区打分，并用它自己的单位说出每一项差距。",
            "党建精品社区创建标准评估工具 — score communities against the model Party-building community "
            "standard and report every gap in its own units."),
    "version": ("显示版本号。", "Show the version."),
    "cmd.audit": ("按标准评估文件夹中的每个社区：得分、等次、能否评选示范点和每一项差距。",
                  "Score every community against the standard: score, grade, eligibility and every gap."),
    "cmd.survey": ("群众评议：由问卷原始答卷按社区和对象类别算出认知度、参与度、满意度（含 95% 区间）。",
                   "群众评议: compute 认知度 / 参与度 / 满意度 per community and respondent type from raw answers."),
    "cmd.check": ("检查数据文件和标准文件：一次列出所有问题（文件、行、列、代码、严重程度）。"
                  "退出码 0：无问题；1：发现问题（错误，或加 --strict 时的警告）；2：无法运行。",
                  "Check data and standards files: every problem with file, row/line, column, code and severity. "
                  "Exit code 0: clean; 1: problems found (errors, or warnings with --strict); 2: could not run."),
    "cmd.screen": ("排查摸底与示范点选取：给所有社区排名，选出示范点并说明理由。",
                   "Rank every community and pick the demonstration sites (排查摸底与示范点选取), with reasons."),
    "cmd.diff": ("创建前后对比：每个社区得分和等次的变化、补齐和新出现的差距，以及全区合计。",
                 "Before and after a creation round: per community the score and grade change, gaps closed and "
                 "opened; district totals."),
    "cmd.template": ("按标准生成数据填报表：中文表头带单位、有/无下拉框、“说明”页。",
                     "Generate a data-collection template from the standard: Chinese headers with units, "
                     "有/无 dropdowns, an instructions sheet."),
    "cmd.serve": ("在浏览器中使用：本机网页上完成上传、检查、评估、遴选、对比和下载。",
                  "The same jobs as a local web page: upload, check, score, screen, compare, download."),
    "cmd.standards": ("查看、核对和比较评分标准（标准包）。", "List, show and validate standards packs."),
    "cmd.standards.list": ("列出每条规则：所属方面、类型、分值，以及依据是报告原文还是本地默认。",
                           "Every rule with its aspect, kind, points and whether its value is cited or a local "
                           "default."),
    "cmd.standards.show": ("显示一条规则的全部内容：读哪些字段、怎样计分、分值和依据的原文。",
                           "One rule: what it reads, how it scores, its points and the sentence of the report it "
                           "comes from."),
    "cmd.standards.fields": ("字段表：数据文件可用的字段名、中文表头、别名、类型和单位。",
                             "The field catalog: keys, Chinese headers, aliases, types and units a data file may "
                             "use."),
    "cmd.standards.validate": ("核对一个标准包：格式、分值合计、规则读取的字段都在字段表中、"
                               "引文都能在 source.txt 中找到。",
                               "Check a standards pack: schema, points adding up, every field a rule reads in the "
                               "catalog, every quote found in the pack's source.txt."),
    "cmd.standards.diff": ("比较两个标准包：新增或删除的规则、门槛、分值、等次、名称和字段的变化。",
                           "What NEW changes against OLD: rules added/removed, thresholds, points, grades, labels, "
                           "fields."),
    "cmd.standards.schema": ("输出标准包的 JSON Schema（所有文件合并），供编辑器补全和校验。",
                             "The JSON Schema of a standards pack (all files merged), for editor completion and "
                             "validation."),
    "cmd.standards.kinds": ("标准可用的规则类型，以及每种怎样计分。",
                            "The rule kinds a standard may use, and how each scores (from the code)."),
    # options shared by several commands
    "opt.standard": (f"评分标准：标准包文件夹、文件，或随软件附带的标准名（{_PACKS}）。默认 xinshi-2011。",
                     "Standards pack: a folder, a file, or a shipped pack's name (xinshi-2011, strict-2013, "
                     "shequ-kaohe, wuxing-dabiao). Default: xinshi-2011."),
    "opt.lang": ("输出语言：zh（中文，默认）或 en（英文）；也可设环境变量 JINGPIN_LANG=en。",
                 "Output language: zh (default) or en; or set JINGPIN_LANG=en."),
    "opt.waivers": ("豁免文件（YAML）：某社区某条规则免于考核，写明原因、批准人和到期日。",
                    "Waiver file (YAML): a rule waived for a community, with reason, approver and expiry date."),
    "opt.output": ("写入此文件（整体写入，不会只写一半）；不加 --format 时按后缀选格式，"
                   "后缀不对会列出本命令可写的后缀。-o - 写到屏幕。",
                   "Write to this file (atomically); the format follows the suffix unless --format is given, "
                   "and a suffix this command cannot write is refused with the ones it can. -o - writes to "
                   "standard output."),
    "opt.sheet": ("要读的 Excel 工作表（默认：第一张有表头的）。",
                  "Excel sheet to read (default: the first with a header row)."),
    "opt.ids": ("在中文标题旁显示规则编号和标准包编号（HTML、Markdown、Word）；JSON 和 CSV 总带编号。",
                "Show rule and pack ids beside their Chinese titles (HTML, Markdown, Word); JSON and CSV always "
                "carry them."),
    "opt.strict": ("有差距或未填报数据时退出码为 1。", "Exit 1 if any community has a gap or unknown data."),
    # audit
    "audit.folder": ("数据文件夹（CSV、XLSX、YAML，可含 surveys/ 问卷文件夹），或一个数据文件。",
                     "Data folder (CSV, XLSX, YAML records; surveys/ inside) or one data file."),
    "audit.community": ("只看一个社区的完整报告（社区编码或名称）。",
                        "Show one community's full report (id or name)."),
    "audit.format": ("输出格式：table（屏幕表格，默认）、json、csv、md、html、xlsx、docx（Word）。",
                     "Output format: table (default), json, csv, md, html, xlsx, docx (Word)."),
    "audit.fail_under": ("有社区得分低于此分时退出码为 1。", "Exit 1 if any community scores below this."),
    "audit.rows": ("屏幕上全区表格列出的行数（得分高的在前）；0 表示全部。写入文件时总是全部。",
                   "Rows of the district table on the terminal (best first); 0 = all. A file always gets "
                   "every row."),
    # check
    "check.paths": ("要检查的数据文件或文件夹，以及标准文件或文件夹。",
                    "Data files or folders, and standards files or folders."),
    "check.format": ("输出格式：human（默认）、github（设了 GITHUB_ACTIONS 时默认）、junit、sarif、json。",
                     "human, github (default when GITHUB_ACTIONS is set), junit, sarif or json."),
    "check.fail_under": ("得分低于此分的社区各算一个问题。", "A problem for every community scoring below this."),
    "check.require_eligible": ("必须可评选示范点的社区（编码或名称）；可重复，或用逗号分隔。",
                               "Community (id or name) that must be eligible; repeat, or separate with commas."),
    "check.rows": ("屏幕上（human 格式）列出的问题数；0 表示全部。写入文件和其他格式时总是全部。",
                   "Problems listed by the human format on the terminal; 0 = all. A file and the other formats "
                   "always get every problem."),
    "check.strict": ("警告也算检查不通过。", "Warnings fail the check too."),
    # screen
    "screen.folder": ("数据文件夹（CSV、XLSX、YAML），或一个数据文件。",
                      "Data folder (CSV, XLSX, YAML records) or one data file."),
    "screen.top": ("选几个示范点（默认 5 个，或标准包规定的推荐比例）。",
                   "How many demonstration sites to pick (default 5, or the pack's screening quota)."),
    "screen.quota": ("改为按可评选社区的比例推荐：10% 或 0.1。",
                     "Pick a share of the eligible communities instead: 10% or 0.1."),
    "screen.rounding": ("比例的取整方式：round 或 四舍五入（默认）、floor 或 去尾、ceil 或 进一。",
                        "How the quota is rounded: round (四舍五入, default), floor or ceil."),
    "screen.quota_per_street": ("按每个街道（分组）可评选社区分别计算比例。",
                                "The quota is a share of each street's eligible communities."),
    "screen.per_street": ("每个街道（或标准包所称的分组）至多选几个。",
                          "At most this many picks per group (街道, or the pack's terms.group)."),
    "screen.include": ("强制选入一个可评选的社区（编码或名称；可重复，或用逗号分隔）。",
                       "Force in an eligible community (id or name; repeat, or separate with commas)."),
    "screen.exclude": ("强制排除一个社区（编码或名称；可重复，或用逗号分隔）。",
                       "Force out a community (id or name; repeat, or separate with commas)."),
    "screen.pilot": ("在入选社区中再指定一个试点：各方面最均衡的那个。",
                     "Also name one pilot among the picks: the most balanced one."),
    "screen.stability": ("稳定性检验：按给定次数随机扰动各规则分值后重新选取（如 200）。",
                         "Re-pick under this many seeded draws of perturbed rule points (e.g. 200)."),
    "screen.spread": ("每次扰动中规则分值的变动幅度：0.2 即 ±20%。",
                      "How far each rule's points may move in a draw: 0.2 = ±20 %."),
    "screen.seed": ("稳定性检验的随机种子（种子相同，结果相同）。",
                    "Seed of the stability draws (same seed, same draws)."),
    "screen.format": ("输出格式：table（屏幕表格，默认）、json、csv、xlsx 等。",
                      "Output format: table (default), json, csv, xlsx and others."),
    "screen.strict": ("选出的示范点少于 --top 个时退出码为 1。",
                      "Exit 1 when fewer than --top communities could be picked."),
    # survey
    "survey.path": ("一个问卷文件（CSV/XLSX）、问卷文件夹，或含 surveys/ 的数据文件夹。",
                    "A survey file (CSV/XLSX), a folder of them, or a data folder holding surveys/."),
    "survey.format": ("输出格式：table（屏幕表格，默认）、json、csv、xlsx 等。",
                      "Output format: table (default), json, csv, xlsx and others."),
    "survey.rows": ("屏幕上列出的社区数；0 表示全部。写入文件时总是全部。",
                    "Communities listed on the terminal; 0 = all. A file always gets every community."),
    "survey.strict": ("有任何警告时退出码为 1：有答卷未计入、样本太少、问了未设的对象类别、填报比率与问卷不符。",
                      "Exit 1 on any warning: answers not counted, a small sample, a respondent type not asked, "
                      "a typed rate the answers contradict."),
    # diff
    "diff.old": ("之前：数据文件夹（或数据文件），或 jingpin audit --format json 写出的 JSON 报告。",
                 "Before: a data folder (or data file), or a JSON report of `jingpin audit --format json`."),
    "diff.new": ("之后：数据文件夹（或数据文件），或 JSON 报告。",
                 "After: a data folder (or data file), or a JSON report."),
    "diff.format": ("输出格式：table（屏幕表格，默认）、json、md、html、csv、xlsx、docx（Word）。",
                    "Output format: table (default), json, md, html, csv, xlsx, docx (Word)."),
    "screen.rows": ("屏幕上排名表和稳定性表至多列出的行数；0 表示不设上限。写入文件时总是全部。",
                    "At most this many rows of the ranking and stability tables on the terminal; 0 = no cap. A "
                    "file always gets every row."),
    "diff.rows": ("屏幕上各社区变化表列出的行数（得分变化从高到低）；0 表示全部。写入文件时总是全部。",
                  "Rows of the per-community table on the terminal (largest gain first); 0 = all. A file always "
                  "gets every row."),
    "diff.sheet": ("数据文件夹中要读的 Excel 工作表（默认：第一张有表头的）。",
                   "Excel sheet to read in data folders (default: the first with a header row)."),
    # template
    "template.output": ("要写的文件，如 排查摸底表.xlsx 或 社区.yaml（按后缀选格式）。",
                        "File to write, e.g. 排查摸底表.xlsx or 社区.yaml (format from the suffix)."),
    "template.format": ("xlsx（一行一个社区）或 yaml（一个社区）。默认按 -o 的后缀，否则 yaml。",
                        "xlsx (one row per community) or yaml (one community). Default: from -o, else yaml."),
    "template.rows": ("带下拉框和数值校验的 Excel 行数。", "Excel rows that get dropdowns and number checks."),
    "template.self_check": ("每个计分字段两列：（自评）由社区填，（核查）由核查组填。",
                            "Two columns per scored field: （自评） for the community, （核查） for the inspectors."),
    "template.form": ("一个社区一张的竖版填报表（项目｜填报内容｜单位｜说明，A4 纵向），须写成 .xlsx；"
                      "收回的表放进一个文件夹即可 jingpin audit。",
                      "A vertical one-community form (Item | Entry | Unit | Notes, A4 portrait), written as .xlsx; "
                      "collect the filled forms in a folder and run jingpin audit on it."),
    "template.force": ("覆盖已有的输出文件。", "Overwrite an existing output file."),
    # serve
    "serve.folder": ("启动时读取的数据文件夹（可不填，在网页上上传或填写）。",
                     "A data folder to start with (optional: upload or name one on the page)."),
    "serve.host": ("监听的地址。默认 127.0.0.1（只有本机能访问）；其他地址必须设置密码。",
                   "Address to listen on. Default 127.0.0.1 (this computer only); any other needs a password."),
    "serve.port": ("端口。默认 0：自动选一个空闲端口。", "Port. Default 0: a free port."),
    "serve.password": ("访问密码（也可用环境变量 JINGPIN_PASSWORD）。", "Password (or JINGPIN_PASSWORD)."),
    "serve.root": ("网页上填写的数据文件夹必须在此文件夹之下。默认：本机使用时为给出的数据文件夹或当前文件夹；"
                   "其他电脑访问（--host）时不给 --root 就不能填写文件夹，只能上传。",
                   "Folders named on the page must lie under this one. Default: on 127.0.0.1 the data folder "
                   "given, else the current folder; with --host, no folder can be named without --root."),
    "serve.no_browser": ("不自动打开浏览器（在服务器上运行时使用）。", "Do not open a browser (on a server)."),
    # standards
    "standards.rule": ("规则编码（如 svc.service_area）、规则的中文名称（如 服务用房总面积）或字段的中文表头。",
                       "Rule id (e.g. svc.service_area), a rule's title, or a field's label."),
    "standards.path": ("标准包文件夹或文件（默认：随软件附带的标准）。",
                       "Standards folder or file (default: the shipped pack)."),
    "standards.old": ("标准包（文件夹、文件，或附带的标准名，如 xinshi-2011）。",
                      "Standards pack (folder, file or shipped name such as xinshi-2011)."),
    "standards.new": ("与之比较的标准包，如 strict-2013 或您自己的。",
                      "The pack to compare it with, e.g. strict-2013 or your own."),
    "standards.diff_format": ("text（文字，默认）或 json。", "text (default) or json."),
}

# the names of arguments in usage lines and errors ("缺少参数“数据文件夹”")
ARGUMENTS: dict[str, Pair] = {
    "folder": ("数据文件夹", "FOLDER"),
    "paths": ("路径", "PATHS"),
    "path": ("路径", "PATH"),
    "old": ("之前", "OLD"),
    "new": ("之后", "NEW"),
    "rule": ("规则", "RULE"),
}

# the value a typed option takes, as the help shows it (typer's <int>, <path>, …)
VALUE_TYPES: dict[str, Pair] = {
    "<path>": ("<路径>", "<path>"),
    "<int>": ("<整数>", "<int>"),
    "<int range>": ("<整数>", "<int range>"),
    "<float>": ("<数>", "<float>"),
    "<str>": ("<文字>", "<text>"),
    "<list[str]>": ("<文字>", "<text>"),
}

# the parser's own words: usage heading, sections, help extras, usage errors
PARSER: dict[str, Pair] = {
    "usage": ("用法：", "Usage: "),
    "options_metavar": ("[选项]", "[OPTIONS]"),
    "command_metavar": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "Options": ("选项", "Options"),
    "Arguments": ("参数", "Arguments"),
    "Commands": ("命令", "Commands"),
    "default": ("默认：{value}", "default: {value}"),
    "required": ("必填", "required"),
    "env var": ("环境变量：{value}", "env var: {value}"),
    "help_option": ("显示本帮助并退出。", "Show this message and exit."),
    "try_help": ("运行“{command} --help”查看帮助。", "Try '{command} --help' for help."),
    "error": ("错误：{message}", "Error: {message}"),
    "no_such_option": ("没有 {option} 这个选项", "No such option: {option}"),
    "did_you_mean": ("；您是不是要找：{choices}", " (Possible options: {choices})"),
    "no_such_command": ("没有“{command}”这个命令", "No such command '{command}'"),
    "missing_argument": ("缺少参数“{name}”", "Missing argument '{name}'"),
    "missing_option": ("缺少选项 {name}", "Missing option {name}"),
    "missing_command": ("缺少命令；可用的命令：{choices}", "Missing command; commands: {choices}"),
    "invalid_value": ("{name} 的值无效：{detail}", "Invalid value for {name}: {detail}"),
    "extra_arguments": ("多出的参数：{args}（文件夹或文件名含空格时请加引号）",
                        "unexpected extra arguments: {args} (quote a name holding spaces)"),
    "needs_value": ("选项 {option} 后面要跟一个值", "option {option} needs a value"),
    "takes_no_value": ("选项 {option} 不带值", "option {option} does not take a value"),
    "aborted": ("已中止。", "Aborted!"),
    "bad_lang_env": ("警告：环境变量 JINGPIN_LANG 的值“{value}”不是 zh 或 en，按 zh（中文）处理",
                     "warning: JINGPIN_LANG is '{value}', neither zh nor en: it is left aside"),
    # what a value was not (the detail of invalid_value)
    "not_int": ("“{value}”不是整数", "'{value}' is not a whole number"),
    "not_number": ("“{value}”不是数字", "'{value}' is not a number"),
    "too_small": ("应不小于 {limit}，而不是 {value}", "must be {limit} or more, not {value}"),
    "too_large": ("应不大于 {limit}，而不是 {value}", "must be {limit} or less, not {value}"),
    "not_one_of": ("“{value}”不是可选值之一（{choices}）", "'{value}' is not one of {choices}"),
}

GUIDE: Pair = (
    "jingpin {version} · 党建精品社区创建标准评估工具\n"
    "\n"
    "在命令行里输入命令来使用，例如：\n"
    "  jingpin audit 文件夹名             评估文件夹中的排查摸底表（.xlsx 或 .csv）\n"
    "  jingpin audit data/xinshi-2011     先用示例数据试一试（在本软件目录中运行）\n"
    "  jingpin standards fields           表头和字段怎么写\n"
    "  jingpin template -o 排查摸底表.xlsx  生成下发填报的空白表\n"
    "  jingpin serve                      在浏览器中使用（先安装：pip install \".[serve]\"）\n"
    "  jingpin --help                     所有命令和选项\n"
    "\n"
    "详细步骤见 README.md 的“快速上手”一节。英文界面：加 --lang en。\n",
    "jingpin {version} · model Party-building community standard assessment\n"
    "\n"
    "Type a command, for example:\n"
    "  jingpin audit FOLDER               score the data sheets (.xlsx or .csv) in a folder\n"
    "  jingpin audit data/xinshi-2011     try the sample data first (from this package's folder)\n"
    "  jingpin standards fields           the headers and fields a sheet may use\n"
    "  jingpin template -o sheet.xlsx     a blank data-collection sheet\n"
    "  jingpin serve                      the same in a web browser (pip install \".[serve]\" first)\n"
    "  jingpin --help                     every command and option\n"
    "\n"
    "Step by step: README.md, section “快速上手” (quick start).\n",
)


def _at(lang: str) -> int:
    return 1 if lang == "en" else 0


def help_text(key: str | None, lang: str) -> str | None:
    """The help of `key` in `lang`; text that is not a key is returned as it is."""
    pair = HELP.get(key) if key else None
    return pair[_at(lang)] if pair else key


def argument_name(name: str, lang: str) -> str | None:
    pair = ARGUMENTS.get(name)
    return pair[_at(lang)] if pair else None


def value_type(shown: str | None, lang: str) -> str | None:
    pair = VALUE_TYPES.get(shown) if shown else None
    return pair[_at(lang)] if pair else None


def parser_word(key: str, lang: str, **params) -> str:
    text = PARSER[key][_at(lang)]
    return text.format(**params) if params else text


def guide(lang: str, version: str) -> str:
    return GUIDE[_at(lang)].format(version=version)
