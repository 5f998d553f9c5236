"""`jingpin check --format junit`: JUnit XML for CI test reports. One test case per file checked: it
fails when the file has errors (or, with --strict, warnings); every problem is listed in it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.results.check.run import (
    CheckResult,
    display_path,
    is_file_location,
    where,
)

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(problem, lang: str) -> str:
    return _clean(f"[{problem.severity}] {problem.code} {where(problem.location, lang)}: {problem.message(lang)}")


def render(result: CheckResult, options: Options = PLAIN) -> str:
    lang, strict = options.lang, options.strict
    groups: dict[str, list] = {display_path(f): [] for f in result.files}
    for p in result.problems:
        name = display_path(p.location.file) if is_file_location(p.location) else "jingpin check"
        groups.setdefault(name, []).append(p)
    failing = lambda p: p.severity == "error" or strict  # noqa: E731
    failures = sum(1 for problems in groups.values() if any(failing(p) for p in problems))
    counts = {"tests": str(len(groups)), "failures": str(failures), "errors": "0"}
    root = ET.Element("testsuites", name="jingpin check", **counts)
    suite = ET.SubElement(root, "testsuite", name="jingpin check", skipped="0", **counts)
    for name, problems in groups.items():
        case = ET.SubElement(suite, "testcase", classname="jingpin.check", name=_clean(name))
        bad = [p for p in problems if failing(p)]
        if bad:
            failure = ET.SubElement(case, "failure", type=bad[0].code,
                                    message=_clean(f"{len(bad)}: {bad[0].message(lang)}"))
            failure.text = "\n".join(_line(p, lang) for p in bad)
        rest = [p for p in problems if not failing(p)]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(_line(p, lang) for p in rest)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
