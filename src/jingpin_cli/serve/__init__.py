"""`jingpin serve`: the whole job as a local web page, on the same library the commands use.

app.py (Starlette routes), workspace.py (one private upload folder per session), security.py
(password, session and CSRF tokens), ranking.py (the ranking table filtered and paged on the
server), templates/ (Jinja2, autoescaped), static/ (the page's own CSS and one small script).
Needs the `serve` extra (starlette, uvicorn, jinja2, python-multipart); commands/serve.py says how
to install it when it is missing. Sits at the top beside commands: it may import every layer."""
