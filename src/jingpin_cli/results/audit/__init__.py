"""The audit: every community scored against the standard (report.py: `audit`, `score_records`,
`Report`), its canonical per-community record and record types (record.py), the per-report index
that formats read by position (index.py), and why a community is not eligible (eligibility.py)."""
