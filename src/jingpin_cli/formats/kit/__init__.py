"""What the formats of several result kinds share: the one CSV writer (csv.py) and sheet writer
(sheets.py), safe spreadsheet cells (cells.py), HTML and Markdown escaping (escape.py), the status
words, marks and colours (status.py), the HTML page's CSS and charts (page.py), terminal box tables
(boxtable.py), the display width of CJK text (textwidth.py) and plain text of a view (plain.py)."""
