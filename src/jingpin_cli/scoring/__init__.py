"""Standard × Records ──engine──▶ one Outcome per rule (whole columns) ──summary──▶ the scored table
(aspects, tasks, bonus, veto, gates, grade, eligibility); waivers read waiver files and set waived
outcomes, returning what they applied. May import text, errors, arrays, safe_yaml, rules, standard
and records; knows nothing of reports or formats."""
