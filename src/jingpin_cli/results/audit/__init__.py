"""The audit: every community scored against the standard (report.py: `audit`, `score_records`,
`Report`) and its canonical per-community record; the per-report index that formats read by position
(positional.py, variants.py); why a community is not eligible (eligibility.py)."""
