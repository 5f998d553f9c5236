"""群众评议: the survey result of `jingpin survey` (rates per community and respondent type) and its record."""
