"""The command line in the user's language: help, usage lines and usage errors.

typer (0.29) carries its own copy of click whose words are English literals, not gettext calls, so
they cannot be translated by installing a catalogue. Instead the language is read from the command
line before parsing (`--lang en`, `--lang=en`, else JINGPIN_LANG), and then:
- every help text, argument name and value type of the command tree is looked up in text/help.py
  (the commands declare keys such as `help="audit.community"`);
- each command's context makes a HelpFormatter that writes the usage heading, the section titles
  and the `[default: …; required]` notes in that language;
- a usage error (a click exception) is shown in that language from the exception's own fields
  (which option, which parameter, which value), not by rewording its English sentence.
The parser itself is typer's, untouched."""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from difflib import get_close_matches

import typer
from typer import _click as click
from typer.core import TyperGroup

from jingpin_cli.text.help import argument_name, help_text, parser_word, value_type
from jingpin_cli.text.messages import lang_code

LANG_ENV = "JINGPIN_LANG"


def detect_lang(args: list[str], environ=os.environ) -> str:
    """`en` when the command line asks for English (`--lang en`, `--lang=en`; the last one wins) or,
    without --lang, JINGPIN_LANG=en (each as text.messages.lang_code reads it); else `zh`. Read
    before parsing, so help and usage errors are worded in it."""
    chosen = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return lang_code(environ.get(LANG_ENV, "") if chosen is None else chosen) or "zh"


def settle_lang_env(environ=os.environ) -> str | None:
    """JINGPIN_LANG as --lang takes it: a locale-like spelling becomes zh / en; anything else is left
    out (Chinese is used), rather than failing every command until it is unset. Returns what was
    left out, for a warning."""
    spelled = environ.get(LANG_ENV)
    if spelled is None or spelled in ("zh", "en"):
        return None
    code = lang_code(spelled)
    if code is not None:
        environ[LANG_ENV] = code
        return None
    del environ[LANG_ENV]
    return spelled if spelled.strip() else None


# ---- help ------------------------------------------------------------------------------------------

class _Formatter(click.HelpFormatter):
    """click's formatter with its words in `lang`."""

    lang = "zh"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, parser_word("usage", self.lang) if prefix is None else prefix)

    def section(self, name: str):
        return super().section(parser_word(name, self.lang) if name in ("Options", "Arguments", "Commands")
                               else name)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}{'：' if self.lang == 'zh' else ':'}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for n, paragraph in enumerate(text.split("\n\n")):
            if n:
                self.write("\n")
            self.write("\n".join(indent + line for line in wrap(" ".join(paragraph.split()),
                                                                 self.width - self.current_indent)))
            self.write("\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list (options, commands), wrapped by display width: a Chinese
        character takes two columns, so click's count of characters would run past the terminal."""
        rows = [(_term(term, self.lang), _notes(text, self.lang)) for term, text in rows]
        first_col = min(max((width(term) for term, _ in rows), default=0), col_max) + col_spacing
        pad = " " * (first_col + self.current_indent)
        for term, text in rows:
            self.write(" " * self.current_indent + term)
            if not text:
                self.write("\n")
                continue
            if width(term) <= first_col - col_spacing:
                self.write(" " * (first_col - width(term)))
            else:
                self.write("\n" + pad)
            lines = wrap(text, max(self.width - first_col - self.current_indent, 20))
            self.write(lines[0] + "\n" + "".join(f"{pad}{line}\n" for line in lines[1:]))


def width(text: str) -> int:
    """Columns `text` takes on a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_TOKENS = re.compile(r"\s+|[^\s\u2e80-\uffef]+|.")
_NO_LINE_START = "，。；：、）》”’！？"  # Chinese punctuation stays with the text before it


def wrap(text: str, columns: int) -> list[str]:
    """`text` in lines of at most `columns` display columns, broken at spaces or between Chinese
    characters (never inside an English word or an option name)."""
    lines, line = [], ""
    tokens = _TOKENS.findall(text)
    for i, token in enumerate(tokens):
        if token.isspace():
            token = " "
        after = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1] in _NO_LINE_START else ""
        if line and width(line) + width(token + after) > columns and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = "" if token == " " else token
        else:
            line += token
    return [*lines, line.rstrip()] if line.strip() or not lines else lines


def _term(term: str, lang: str) -> str:
    """An argument's line names its value type (`数据文件夹 <path>`): in `lang` too."""
    name, space, shown = term.rpartition(" ")
    return f"{name} {value_type(shown, lang)}" if space and value_type(shown, lang) else term


_NOTES = re.compile(r"\[((?:default|env var|required)[^\[\]]*)\]$")


def _notes(text: str, lang: str) -> str:
    """`… [default: 100; x>=0; required]` in `lang`; the help option's own sentence too."""
    if text == "Show this message and exit.":
        return parser_word("help_option", lang)
    found = _NOTES.search(text)
    if not found:
        return text
    parts = []
    for part in found.group(1).split("; "):
        name, colon, value = part.partition(": ")
        if name in ("default", "env var") and colon:
            parts.append(parser_word(name, lang, value=value))
        elif part == "required":
            parts.append(parser_word("required", lang))
        else:
            parts.append(part)
    return text[:found.start()] + "[" + ("；" if lang == "zh" else "; ").join(parts) + "]"


def _context_class(lang: str) -> type:
    formatter = type("Formatter", (_Formatter,), {"lang": lang})
    return type("Context", (click.Context,), {"formatter_class": formatter})


def localize(command, lang: str) -> None:
    """Put the help of `command` and of everything under it in `lang` (idempotent: the keys are kept
    aside, so a second run in another language works from the keys again)."""
    command.context_class = _context_class(lang)
    command.help = help_text(_key(command, "help"), lang)
    if lang == "zh" and command.help:  # the list of commands shows the first sentence
        command.short_help = command.help.split("。")[0]
    command.options_metavar = parser_word("options_metavar", lang)
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = parser_word("command_metavar", lang)
    for param in command.params:
        param.help = help_text(_key(param, "help"), lang)
        if isinstance(param, typer.core.TyperArgument):
            param.metavar = argument_name(_key(param, "name"), lang) or param.metavar
        elif not param.is_flag and not param.type_descriptor.is_choice:
            param.metavar = None
            param.metavar = value_type(param.display_type(None), lang)
    for sub in getattr(command, "commands", {}).values():
        localize(sub, lang)


def _key(obj, attr: str):
    """The declared value of `attr` (a help key, an argument's name), remembered on first use."""
    store = f"_jingpin_{attr}"
    if not hasattr(obj, store):
        setattr(obj, store, getattr(obj, attr))
    return getattr(obj, store)


# ---- usage errors ---------------------------------------------------------------------------------

def show_usage_error(error: click.ClickException, lang: str) -> None:
    """The usage line, the hint to --help and the error, in `lang`, on stderr."""
    ctx = getattr(error, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(parser_word("try_help", lang, command=ctx.command_path))
        lines.append("")
    lines.append(parser_word("error", lang, message=error_message(error, lang)))
    print("\n".join(lines), file=sys.stderr)


def error_message(error: click.ClickException, lang: str) -> str:
    """What went wrong, worded from the exception's fields; click's own sentence as the last resort."""
    if isinstance(error, click.exceptions.NoSuchOption):
        text = parser_word("no_such_option", lang, option=error.option_name)
        if error.possibilities:
            text += parser_word("did_you_mean", lang, choices=", ".join(sorted(error.possibilities)))
        return text
    if isinstance(error, click.exceptions.MissingParameter):
        param = error.param
        if isinstance(param, typer.core.TyperArgument):
            return parser_word("missing_argument", lang, name=param.display_name_raw)
        return parser_word("missing_option", lang, name=param.get_error_hint() if param else "")
    if isinstance(error, click.exceptions.BadParameter):
        name = error.param_hint if error.param_hint else (error.param.get_error_hint() if error.param else "")
        if not isinstance(name, str):
            name = " / ".join(f"'{n}'" for n in name)
        return parser_word("invalid_value", lang, name=name, detail=_bad_value(error, lang))
    return _usage_message(error, lang)


def _bad_value(error: click.exceptions.BadParameter, lang: str) -> str:
    """Why a value was refused: from pydantic's error type or the choice list, else as typer says it."""
    cause = error.__cause__
    if hasattr(cause, "errors"):  # a pydantic ValidationError: its first error's type and limits
        first = cause.errors()[0]
        kind, value, limits = first.get("type", ""), first.get("input"), first.get("ctx") or {}
        if kind.startswith("int_"):
            return parser_word("not_int", lang, value=value)
        if kind.startswith("float_"):
            return parser_word("not_number", lang, value=value)
        for key, word in (("ge", "too_small"), ("gt", "too_small"), ("le", "too_large"), ("lt", "too_large")):
            if key in limits:
                return parser_word(word, lang, limit=limits[key], value=value)
    choice = re.fullmatch(r"(?:Value error, )?'(.*)' is not one of (.*)\.", error.message)
    if choice:
        return parser_word("not_one_of", lang, value=choice.group(1), choices=choice.group(2))
    return error.message


_USAGE_PATTERNS = (
    (re.compile(r"No such command '(.*)'\.(?: Did you mean (.*)\?)?"), "no_such_command"),
    (re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)"), "extra_arguments"),
    (re.compile(r"Option '(.*)' requires an? .*"), "needs_value"),
    (re.compile(r"Option '(.*)' does not take a value\."), "takes_no_value"),
    (re.compile(r"Missing command\."), "missing_command"),
)


def _usage_message(error: click.ClickException, lang: str) -> str:
    message = error.format_message()
    ctx = getattr(error, "ctx", None)
    for pattern, key in _USAGE_PATTERNS:
        found = pattern.fullmatch(message)
        if not found:
            continue
        if key == "no_such_command":
            text = parser_word(key, lang, command=found.group(1))
            names = list(getattr(ctx.command, "commands", {})) if ctx else []
            close = get_close_matches(found.group(1), names)
            return text + (parser_word("did_you_mean", lang, choices=", ".join(close)) if close else "")
        if key == "missing_command":
            names = list(getattr(ctx.command, "commands", {})) if ctx else []
            return parser_word(key, lang, choices=", ".join(names))
        value = found.group(1)
        return parser_word(key, lang, args=value, option=value)
    return message


# ---- the root group ------------------------------------------------------------------------------

class LocalGroup(TyperGroup):
    """The app's root: chooses the language from the command line before parsing, puts the whole
    command tree in it, and shows usage errors in it (exit 2, as click does)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = list(sys.argv[1:] if args is None else args)
        unknown = settle_lang_env()
        self.lang = lang = detect_lang(args)
        if unknown is not None:
            print(parser_word("bad_lang_env", lang, value=unknown), file=sys.stderr)
        localize(self, lang)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.ClickException as error:
            if not standalone_mode:
                raise
            if lang == "en" or isinstance(error, click.exceptions.NoArgsIsHelpError):  # the latter: help
                error.show()
            else:
                show_usage_error(error, lang)
            code = error.exit_code
        except typer.Abort:
            if not standalone_mode:
                raise
            print(parser_word("aborted", lang), file=sys.stderr)
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)
