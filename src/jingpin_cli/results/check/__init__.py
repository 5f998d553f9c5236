"""`jingpin check`: every problem of data files, standards files and waiver files, with the gates
on results (`--fail-under`, `--require-eligible`), as one CheckResult (run.py)."""
