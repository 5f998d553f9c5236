"""Formats of `jingpin survey`: each renders a results.survey.record.SurveyReport with the one Options
of every format (see formats/__init__.py for the registry)."""
