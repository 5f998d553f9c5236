"""Before and after: two audits — each a data folder scored now or an earlier JSON report — compared
per community and for the district (compare.py)."""
