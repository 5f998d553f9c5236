"""The Starlette app of `jingpin serve`: server-rendered pages over the same library calls the
commands make (check, audit, screen, diff, formats.renderer); no second engine.

Every GET only reads; every POST changes the session's workspace and must carry its CSRF token.
Bad input (a broken file, a wrong option) is shown on the page in the user's language, as the
command line words it; the server goes on serving."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from jingpin_cli import __version__
from jingpin_cli.commands.screen import parse_quota, quota_of
from jingpin_cli.errors import InputError
from jingpin_cli.formats import FORMATS, Options, renderer
from jingpin_cli.formats.audit.html import community_section, overview_section
from jingpin_cli.formats.diff.common import district_rows, source_note
from jingpin_cli.formats.kit.page import CSS
from jingpin_cli.formats.survey.rows import columns as survey_columns
from jingpin_cli.formats.survey.rows import rows as survey_rows
from jingpin_cli.records.load import data_files
from jingpin_cli.records.surveys import SURVEYS_DIR, survey_files
from jingpin_cli.results.audit.report import Report, audit, score_records
from jingpin_cli.results.check.run import check, record
from jingpin_cli.results.diff.compare import Side, compare, load_side, table_of_report
from jingpin_cli.results.screen.near_miss import near_misses
from jingpin_cli.results.screen.picking import ROUNDINGS, screen
from jingpin_cli.results.screen.record import Screened, head, near_entries, ranking_entries
from jingpin_cli.results.screen.stability import DEFAULT_SEED, DEFAULT_SPREAD, stability
from jingpin_cli.results.survey.record import SurveyReport
from jingpin_cli.results.survey.run import load_survey
from jingpin_cli.serve.jobs import WAIT_SECONDS, Job
from jingpin_cli.serve.ranking import PAGE_SIZE, Query, ranking_frame, select
from jingpin_cli.serve.security import CSRF_FIELD, SESSION_COOKIE, same
from jingpin_cli.serve.workspace import (
    KINDS,
    MAX_FILES,
    MAX_TOTAL_BYTES,
    MiB,
    Refused,
    Sessions,
    TooMuch,
    Workspace,
    accepted_suffixes,
    pack_members,
    safe_name,
)
from jingpin_cli.standard import load_standard
from jingpin_cli.standard.packs import DEFAULT_PACK, shipped_pack_path, shipped_packs
from jingpin_cli.text.messages import pick
from jingpin_cli.text.messages import t as message
from jingpin_cli.text.numbers import num, pct, signed
from jingpin_cli.text.pages import page_word
from jingpin_cli.text.words import sep, word, yes_no

LANG_COOKIE = "jingpin_lang"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
CONTENT_TYPES = {
    "json": "application/json", "csv": "text/csv; charset=utf-8", "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DOWNLOADS = {result_kind: tuple(f for f in FORMATS[result_kind] if f in CONTENT_TYPES)
             for result_kind in ("audit", "screen", "survey", "diff")}
SCREEN_SHOWN = 20  # ranking rows with reasons shown under the picks
MAX_DRAWS = 1000  # stability draws asked on the page: 200 (the usual) take well under a second at 10 000
NAV = ("data", "overview", "ranking", "community", "screen", "survey", "diff", "download")

templates = Environment(loader=PackageLoader("jingpin_cli.serve", "templates"),
                        autoescape=select_autoescape(default=True, default_for_string=True))
templates.filters["num"] = num  # 100, 93.5: numbers as the reports write them


@dataclass
class Server:
    sessions: Sessions
    folder: Path | None = None  # `jingpin serve DIR`: every session starts on this folder
    password: str | None = None
    lang: str = "zh"
    standard: Path | None = None  # --standard: the pack every session starts with
    # --root: a folder named on the page must lie under it (links followed); None: naming folders is off
    root: Path | None = None
    authed: set = field(default_factory=set)  # session ids that gave the password


class SecurityHeaders:
    """CSP and friends on every response: no inline script, nothing from elsewhere, no framing."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def sending(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"), (b"cache-control", b"no-store")]
            await send(message)
        await self.app(scope, receive, sending)


def create_app(folder: Path | None = None, password: str | None = None, lang: str = "zh",
               standard: Path | None = None, root: Path | None = None) -> Starlette:
    server = Server(Sessions(), Path(folder).resolve() if folder else None, password or None, lang,
                    Path(standard) if standard else None, Path(root).resolve() if root else None)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        try:
            yield
        finally:
            server.sessions.end_all()  # the server stops: every workspace is removed

    routes = [
        Route("/", lambda request: RedirectResponse("/data", 303)),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/data", data_page),
        Route("/upload", upload, methods=["POST"]),
        Route("/folder", name_folder, methods=["POST"]),
        Route("/standard", choose_standard, methods=["POST"]),
        Route("/clear", clear, methods=["POST"]),
        Route("/end", end, methods=["POST"]),
        Route("/overview", overview_page),
        Route("/ranking", ranking_page),
        Route("/ranking.json", ranking_json),
        Route("/community", community_page),
        Route("/screen", screen_page),
        Route("/survey", survey_page),
        Route("/diff", diff_page, methods=["GET", "POST"]),
        Route("/download", download_page),
        Route("/download/{kind}.{fmt}", download),
        Route("/report.css", lambda request: Response(CSS, media_type="text/css")),
        Mount("/static", StaticFiles(packages=[("jingpin_cli.serve", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, Exception: server_error})
    app.state.server = server
    app.add_middleware(SecurityHeaders)
    return app


# ---- sessions, language, pages ------------------------------------------------------------------

class Page:
    """What every handler needs: the server, this session's workspace and the language."""

    def __init__(self, request: Request):
        self.request = request
        self.server: Server = request.app.state.server
        sid = request.cookies.get(SESSION_COOKIE)
        ws = self.server.sessions.get(sid)
        self.new = ws is None
        if ws is None:
            sid, ws = self.server.sessions.start()
            ws.folder = self.server.folder
        self.sid, self.ws = sid, ws
        asked = request.query_params.get("lang")
        self.lang_asked = asked if asked in ("zh", "en") else None
        cookie = request.cookies.get(LANG_COOKIE)
        self.lang = self.lang_asked or (cookie if cookie in ("zh", "en") else self.server.lang)

    @property
    def allowed(self) -> bool:
        return self.server.password is None or self.sid in self.server.authed

    def w(self, key: str, **params) -> str:
        return page_word(key, self.lang, **params)

    def finish(self, response: Response) -> Response:
        if self.new:
            response.set_cookie(SESSION_COOKIE, self.sid, httponly=True, samesite="strict")
        if self.lang_asked:
            response.set_cookie(LANG_COOKIE, self.lang_asked, samesite="strict")
        return response

    def html(self, template: str, status: int = 200, **context) -> Response:
        context.setdefault("source", None)
        body = templates.get_template(template).render(
            w=self.w, lang=self.lang, csrf=self.ws.csrf, csrf_field=CSRF_FIELD, nav=NAV, here=template[:-5],
            path=self.request.url.path, version=__version__, switch=self.switch_link(),
            word=lambda k, **p: word(k, self.lang, **p),
            **context)
        return self.finish(HTMLResponse(body, status))

    def switch_link(self) -> str:
        """This page in the other language, with its own query (a community, a filter) kept."""
        other = "en" if self.lang == "zh" else "zh"
        kept = [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        query = urlencode(kept + [("lang", other)])
        return f"{self.request.url.path}?{query}"

    def redirect(self, to: str) -> Response:
        return self.finish(RedirectResponse(to, 303))

    def login_first(self) -> Response:
        return self.redirect("/login")

    async def form(self):
        """The POST's form, once its CSRF token is checked (403 otherwise)."""
        declared = self.request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_TOTAL_BYTES + MiB:  # refused before it is spooled to disk
            raise HTTPException(413)
        form = await self.request.form(max_files=MAX_FILES, max_fields=50)
        if not same(form.get(CSRF_FIELD), self.ws.csrf) or self.new:
            raise HTTPException(403, "csrf")
        return form


def gated(handler):
    """A page behind the password (when the server has one)."""
    async def run(request: Request):
        page = Page(request)
        if not page.allowed:
            return page.login_first()
        return await handler(page)
    return run


def after_work(handler):
    """A page that needs the session's data checked and scored: while that runs (a big folder), the
    page says so instead (see `ready`)."""
    async def run(page: Page):
        waiting = await ready(page)
        return waiting if waiting is not None else await handler(page)
    return run


async def ready(page: Page) -> Response | None:
    """None once the session's data is checked and scored (or there is none); else that work runs in a
    thread and, if it takes longer than a moment, a page that says how far it is and reloads itself."""
    ws = page.ws
    data = ws.data_path()
    if (data is None and ws.pack_path() is None) or ("check" in ws.cache and ("report" in ws.cache or data is None)):
        return None
    job = ws.job
    if job is None or job.version != ws.version:
        job = ws.job = Job.start(ws.version, lambda: prepare(page))
    if job.running:
        await asyncio.get_running_loop().run_in_executor(None, job.thread.join, WAIT_SECONDS)
    if job.running:
        return page.html("working.html", job=job, again=page.request.url.path + (
            "?" + page.request.url.query if page.request.url.query else ""))
    if job.error is not None:
        error, job.error = job.error, None
        raise error
    return None


def prepare(page: Page) -> None:
    """The session's heavy work, in the job's thread: the check of the 数据 page, then the report
    (from the records the check read). Their problems are kept in the cache for the pages to show."""
    with contextlib.suppress(InputError):
        checked_data(page)
    with contextlib.suppress(InputError):
        the_report(page)


async def login(request: Request):
    page = Page(request)
    if page.server.password is None:
        return page.redirect("/data")
    wrong = False
    if request.method == "POST":
        form = await page.form()
        if same(form.get("password"), page.server.password):
            page.server.authed.add(page.sid)
            return page.redirect("/data")
        wrong = True
    return page.html("login.html", status=401 if wrong else 200, wrong=wrong)


# ---- what the results come from -----------------------------------------------------------------

def standard_path(ws: Workspace, server: Server) -> Path | None:
    """The pack in use: one uploaded, else a shipped one chosen on the page, else --standard, else the default."""
    uploaded = ws.pack_path()
    if uploaded is not None and ws.pack is None:
        return uploaded
    if ws.pack:
        return shipped_pack_path(ws.pack)
    return server.standard


def cached(ws: Workspace, key: str, make):
    """make(), once per version of the workspace (its InputError too, raised again each time). What was
    made from data that changed meanwhile (a job still reading the last upload) is returned, not kept."""
    if key not in ws.cache:
        version = ws.version
        try:
            made = (make(), None)
        except InputError as exc:
            made = (None, exc)
        if ws.version != version:
            value, error = made
            if error is not None:
                raise error
            return value
        ws.cache[key] = made
    value, error = ws.cache[key]
    if error is not None:
        raise error
    return value


def the_standard(page: Page):
    return cached(page.ws, "standard", lambda: load_standard(standard_path(page.ws, page.server)))


def the_report(page: Page) -> Report | None:
    data = page.ws.data_path()
    if data is None:
        return None
    return cached(page.ws, "report", lambda: scored(page, data))


def scored(page: Page, data: Path) -> Report:
    """The data scored once: from the records the 数据 page's check already read, when it read them
    cleanly (reading is most of an audit's time), else read here as `jingpin audit` reads them."""
    done = page.ws.cache.get("check")
    result = done[0] if done else None
    if result is not None and not result.errors and len(result.loaded) == 1 and result.standard is not None:
        return score_records(result.standard, result.loaded[0])
    return audit(the_standard(page), data)


def checked_data(page: Page):
    """`jingpin check` on the data and the uploaded pack, once per change of the workspace."""
    ws = page.ws
    paths = [p for p in (ws.data_path(), ws.pack_path()) if p is not None]
    return cached(ws, "check", lambda: check(paths, standard_path(ws, page.server)))


def shown_path(ws: Workspace, text: str) -> str:
    """A message as the user should read it: workspace paths cut to the uploaded file's name."""
    for place in (ws.place("data"), ws.place("pack"), ws.place("before"), ws.root):
        text = text.replace(f"{place}/", "").replace(str(place), "")
    return text


def source_line(page: Page, report_or_std) -> str:
    """Which files and which standard a result page comes from."""
    ws = page.ws
    std = getattr(report_or_std, "standard", report_or_std)
    if ws.folder is not None:
        files = str(ws.folder)
    else:
        data = ws.place("data")
        names = [p.name for p in sorted(data.rglob("*"), key=lambda p: (len(p.parts), p.name)) if p.is_file()]
        files = sep(page.lang, "list").join(names[:5])
        if len(names) > 5:
            files += " " + page.w("source_more", n=len(names) - 5)
    return page.w("source", files=files, standard=f"{pick(std.title, page.lang)}（{std.id} {std.version}）")


def problems_of(page: Page, error: InputError) -> list[dict]:
    return [{"where": shown_path(page.ws, record(p, page.lang)["where"]),
             "message": shown_path(page.ws, p.message(page.lang)), "code": p.code} for p in error.problems]


# ---- 数据 -------------------------------------------------------------------------------------------

@gated
@after_work
async def data_page(page: Page):
    ws, refused = page.ws, page.request.query_params.getlist("refused")
    data, pack = ws.data_path(), ws.pack_path()
    checked, errors = None, []
    if data is not None or pack is not None:
        try:
            result = checked_data(page)
            checked = {"errors": [problem_row(page, p) for p in result.errors],
                       "warnings": [problem_row(page, p) for p in result.warnings], "files": len(result.files)}
        except InputError as exc:
            errors = problems_of(page, exc)
    uploaded = [shown_path(ws, str(p)) for p in ws.files()]
    return page.html("data.html", checked=checked, errors=errors, uploaded=uploaded, folder=ws.folder,
                     packs=shipped_packs(), pack=ws.pack or ("" if pack is not None else DEFAULT_PACK),
                     has_pack_upload=pack is not None, refused=refused, max_files=MAX_FILES, root=page.server.root,
                     max_mb=MAX_TOTAL_BYTES // MiB, kinds=KINDS, data=data)


def problem_row(page: Page, problem) -> dict:
    row = record(problem, page.lang)
    return {"where": shown_path(page.ws, row["where"]), "message": shown_path(page.ws, row["message"]),
            "code": row["code"]}


@gated
async def upload(page: Page):
    form = await page.form()
    role = form.get("kind") if form.get("kind") in KINDS else "data"
    refused, suffixes = [], accepted_suffixes(role)
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not files:
        refused.append(page.w("upload.none"))
    elif role == "pack":
        page.ws.empty("pack")  # the files of one pack come together: a new upload replaces the last
    for upload_file in files:
        name = safe_name(upload_file.filename, suffixes)
        if name is None:
            refused.append(page.w("upload.bad_suffix", name=upload_file.filename,
                                  accepted=sep(page.lang, "list").join(suffixes)))
            continue
        room = MAX_TOTAL_BYTES - page.ws.total_bytes()
        content = await upload_file.read(room + 1)  # never more than the session may still hold
        try:
            if role == "pack" and name.lower().endswith(".zip"):  # a pack's files zipped: unpacked here
                for member, data in pack_members(name, content):
                    page.ws.save(role, member, data)
            else:
                page.ws.save(role, name, content)
        except TooMuch as exc:
            refused.append(page.w(exc.key, n=MAX_FILES, mb=MAX_TOTAL_BYTES // MiB))
            break
        except Refused as exc:
            refused.append(page.w(exc.key, **exc.params))
    if role == "pack":
        page.ws.pack = None  # an uploaded pack is the one in use
    page.ws.folder = None if role == "data" and files else page.ws.folder
    return page.redirect("/data" + (("?" + urlencode([("refused", r) for r in refused])) if refused else ""))


def named_folder(page: Page, text: str) -> tuple[Path | None, str | None]:
    """(the folder a user named, None) or (None, why it is refused): only folders under the server's root
    (links followed), and said before looking whether it exists, so nothing is told about the rest."""
    text, root = text.strip()[:1000], page.server.root
    if root is None:
        return None, page.w("folder.off")
    folder = (root / Path(text).expanduser()).resolve() if text else None  # relative: to the root
    if folder is None or not folder.is_relative_to(root):
        return None, page.w("folder.outside", path=text, root=root)
    if not folder.is_dir():
        return None, page.w("folder.missing", path=text)
    # a data or answer file inside that links out of the root would be read all the same: refused
    entries = data_files(folder) + (survey_files(folder / SURVEYS_DIR) if (folder / SURVEYS_DIR).is_dir() else [])
    outside = next((p for p in entries if not p.resolve().is_relative_to(root)), None)
    if outside is not None:
        return None, page.w("folder.link_outside", path=text, entry=outside.relative_to(folder), root=root)
    return folder, None


@gated
async def name_folder(page: Page):
    form = await page.form()
    folder, refused = named_folder(page, str(form.get("folder") or ""))
    if refused is not None:
        return page.redirect("/data?" + urlencode({"refused": refused}))
    page.ws.folder = folder
    page.ws.changed()
    return page.redirect("/data")


@gated
async def choose_standard(page: Page):
    form = await page.form()
    name = str(form.get("pack") or "")
    page.ws.pack = name if shipped_pack_path(name) is not None else None
    page.ws.changed()
    return page.redirect("/data")


@gated
async def clear(page: Page):
    await page.form()
    page.ws.clear()
    return page.redirect("/data")


@gated
async def end(page: Page):
    await page.form()
    page.server.sessions.end(page.sid)
    page.server.authed.discard(page.sid)
    response = RedirectResponse("/data", 303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# ---- results ----------------------------------------------------------------------------------------

def result_or_problem(page: Page, make):
    """(result, None), or (None, a page showing why there is none: no data yet, or bad input)."""
    try:
        report = the_report(page)
        if report is None:
            return None, page.html("message.html", message=page.w("no_data"))
        return make(report), None
    except InputError as exc:
        return None, page.html("message.html", problems=problems_of(page, exc), status=422)


@gated
@after_work
async def overview_page(page: Page):
    report, shown = result_or_problem(page, lambda r: r)
    if report is None:
        return shown
    body = cached(page.ws, f"overview.{page.lang}", lambda: overview_section(report, Options(lang=page.lang)))
    return page.html("overview.html", body=body, source=source_line(page, report))


def ranking_of(page: Page, report: Report):
    return cached(page.ws, f"ranking.{page.lang}", lambda: ranking_frame(report, page.lang))


def sort_orders(page: Page) -> dict:
    """The ranking's sort orders computed so far (serve.ranking.sort_order), kept with the report."""
    return cached(page.ws, f"ranking_orders.{page.lang}", dict)


@gated
@after_work
async def ranking_page(page: Page):
    report, shown = result_or_problem(page, lambda r: r)
    if report is None:
        return shown
    frame = ranking_of(page, report)
    query = Query.of(page.request.query_params)
    rows, total, at = select(frame, query, sort_orders(page))
    std = report.standard
    grades = [(g.id, pick(g, page.lang)) for g in std.grades] + [("veto", pick(std.veto_grade, page.lang))]
    streets = sorted(s for s in frame["street"].unique() if s)
    params = {k: v for k, v in vars(query).items() if k != "page" and v not in ("", False)}
    link = lambda n: "/ranking?" + urlencode({**params, "page": n, **({"desc": 1} if query.desc else {})})  # noqa: E731
    return page.html("ranking.html", rows=rows.to_dict("records"), total=total, page_no=at, query=query,
                     first=(at - 1) * PAGE_SIZE + 1 if total else 0, last=(at - 1) * PAGE_SIZE + len(rows),
                     prev=link(at - 1) if at > 1 else None, next=link(at + 1) if at * PAGE_SIZE < total else None,
                     grades=grades, streets=streets, group=std.words(page.lang)["group"],
                     yes=yes_no(True, page.lang), no=yes_no(False, page.lang), source=source_line(page, report),
                     cols=column_words(page, std))


def column_words(page: Page, std) -> dict:
    keys = ("rank", "id", "name", "street", "score", "grade", "eligible", "gaps", "unknown")
    return {k: word(f"html.{k}", page.lang, **std.words(page.lang)) for k in keys}


@gated
@after_work
async def ranking_json(page: Page):
    """The page of the ranking the script asks for: what it needs to redraw the table."""
    report, shown = result_or_problem(page, lambda r: r)
    if report is None:
        return JSONResponse({"error": True}, 422)
    query = Query.of(page.request.query_params)
    rows, total, at = select(ranking_of(page, report), query, sort_orders(page))
    rows = rows.assign(eligible_word=[yes_no(e, page.lang) for e in rows["eligible"]])
    out = {"rows": rows.drop(columns=["grade_id", "search"]).to_dict("records"), "total": total, "page": at,
           "page_size": PAGE_SIZE,
           "shown": page.w("ranking.shown", total=total, first=(at - 1) * PAGE_SIZE + 1 if total else 0,
                           last=(at - 1) * PAGE_SIZE + len(rows)) if total else page.w("ranking.none")}
    return page.finish(JSONResponse(out))


@gated
@after_work
async def community_page(page: Page):
    params = page.request.query_params
    query = (params.get("id") or params.get("q") or "").strip()[:200]
    report, shown = result_or_problem(page, lambda r: r)
    if report is None:
        return shown
    if not query:
        return page.html("community.html", body=None, query="", source=source_line(page, report))
    try:
        exact_id = params.get("id") and query in report.summary.index  # a link from the ranking
        cid = query if exact_id else report.find(query, page.w("nav.community"))
    except InputError as exc:
        return page.html("community.html", body=None, query=query, problems=problems_of(page, exc),
                         source=source_line(page, report), status=404)
    body = community_section(report, cid, Options(lang=page.lang))
    return page.html("community.html", body=body, query=query, source=source_line(page, report))


# ---- 示范点遴选 --------------------------------------------------------------------------------------

SCREEN_KEYS = ("top", "per_street", "quota", "rounding", "quota_per_street", "pilot", "stability", "spread")


@dataclass
class ScreenForm:
    top: int = 5
    per_street: int | None = None
    quota: str = ""
    rounding: str = ""  # --rounding: "" is the pack's (or round)
    quota_per_street: bool = False
    pilot: bool = False
    draws: int = 0  # --stability: 0 is off
    spread_pct: int = round(DEFAULT_SPREAD * 100)  # --spread as a percentage, as office staff write it

    @classmethod
    def of(cls, params) -> ScreenForm:
        def count(name, most=None):
            try:
                value = int(params.get(name) or 0)
            except ValueError:
                return None
            return min(value, most or value) if value >= 1 else None
        return cls(top=count("top") or 5, per_street=count("per_street"),
                   quota=(params.get("quota") or "").strip()[:20],
                   rounding=params.get("rounding") if params.get("rounding") in ROUNDINGS else "",
                   quota_per_street=params.get("quota_per_street") == "1", pilot=params.get("pilot") == "1",
                   draws=count("stability", MAX_DRAWS) or 0,
                   spread_pct=count("spread", 99) or round(DEFAULT_SPREAD * 100))

    @classmethod
    def asked(cls, page: Page) -> ScreenForm:
        """The form the request gives, else the one last shown on the 示范点遴选 page (the 下载 menu
        link carries no options, and its screen files must hold the picks the user saw)."""
        params = page.request.query_params
        if any(key in params for key in SCREEN_KEYS):
            return cls.of(params)
        return cls.of(dict(parse_qsl(page.ws.screen_query)))

    def query(self) -> str:
        return urlencode({k: v for k, v in (("top", self.top), ("per_street", self.per_street or ""),
                                            ("quota", self.quota), ("rounding", self.rounding),
                                            ("quota_per_street", "1" if self.quota_per_street else ""),
                                            ("pilot", "1" if self.pilot else ""),
                                            ("stability", self.draws or ""),
                                            ("spread", self.spread_pct if self.draws else "")) if v})


def screened(report: Report, form: ScreenForm) -> Screened:
    """What `jingpin screen --top N [--per-street K] [--quota Q --rounding R --quota-per-street] [--pilot]
    [--stability D --spread S]` computes, through the same functions (the draws with the command's default seed)."""
    share = parse_quota(form.quota) if form.quota else None
    quota = quota_of(report.standard, form.top, share, form.rounding or None, form.quota_per_street)
    result = screen(report, form.top, form.per_street, [], [], form.pilot, quota)
    stab = stability(result, form.draws, form.spread_pct / 100, DEFAULT_SEED) if form.draws else None
    return Screened(result, near_misses(result), stab)


def no_places(screening) -> bool:
    """A quota came to no place while some community is eligible (with none, the page says so instead)."""
    return screening.top == 0 and bool(screening.eligible_count)


def stability_rows(done: Screened, lang: str) -> list[dict]:
    """The picks and as many runners-up, with the share of draws that picked each (as `screen` shows)."""
    screening, stab = done.screening, done.stab
    others = [c for c in stab.share.index if c not in screening.selected]
    return [{"id": cid, "name": str(screening.table.at[cid, "name"]), "picked": cid in screening.selected,
             "share": pct(stab.kept(cid)), "steady": stab.kept(cid) >= 0.9}
            for cid in list(screening.selected) + others[:screening.top]]


@gated
@after_work
async def screen_page(page: Page):
    form = ScreenForm.of(page.request.query_params)
    page.ws.screen_query = form.query()
    try:  # a share the form cannot take is said above the form, which stays to be mended
        if form.quota:
            parse_quota(form.quota)
    except InputError:
        report, shown = result_or_problem(page, lambda r: r)
        if report is None:
            return shown
        return page.html("screen.html", status=422, form=form, roundings=ROUNDINGS, source=source_line(page, report),
                         refused=page.w("screen.bad_quota", value=form.quota),
                         group=report.standard.words(page.lang)["group"])
    done, shown = result_or_problem(page, lambda r: screened(r, form))
    if done is None:
        return shown
    lang = page.lang
    top = head(done.screening, lang, done.near)
    rows = list(ranking_entries(done.screening, lang, done.near, limit=max(SCREEN_SHOWN, form.top)))
    picked = [r for r in rows if r["picked"]]
    pilot = next((r["name"] for r in rows if r["id"] == (top["pilot"] or {}).get("id")), None)
    near = near_entries(done.screening, done.near, lang)
    stab = done.stab
    steady = {"rows": stability_rows(done, lang), "title": message(
        "screen.stability_title", lang, pct=pct(stab.spread), draws=stab.draws, seed=stab.seed)} if stab else None
    return page.html("screen.html", form=form, picks=picked, rows=rows, near=near, steady=steady,
                     yes=yes_no(True, lang), no=yes_no(False, lang),
                     pilot=pilot, pilot_reason=(top["pilot"] or {}).get("reason"),
                     quota_text=(top.get("quota") or {}).get("text"), roundings=ROUNDINGS,
                     no_places=message("screen.reason.no_places", lang) if no_places(done.screening) else None,
                     short=message("screen.short", lang, n=len(done.screening.selected), top=done.screening.top)
                     if 0 < len(done.screening.selected) < done.screening.top else None,
                     ranking_head=[word(f"screen.col.{k}", lang, **done.screening.report.standard.words(lang))
                                   for k in ("rank", "name", "street", "score", "result", "reasons")],
                     group=done.screening.report.standard.words(lang)["group"], query=form.query(),
                     source=source_line(page, done.screening.report))


# ---- 群众评议 ----------------------------------------------------------------------------------------

def surveyed(page: Page, report: Report) -> SurveyReport:
    """What `jingpin survey DIR` computes: the rates from the answers in the data's surveys/."""
    std = report.standard
    return cached(page.ws, "survey", lambda: SurveyReport(load_survey(page.ws.data_path(), std), std))


@gated
@after_work
async def survey_page(page: Page):
    done, shown = result_or_problem(page, lambda r: surveyed(page, r))
    if done is None:
        return shown
    notes = [problem_row(page, p) for p in done.result.problems]
    return page.html("survey.html", columns=survey_columns(done.standard, page.lang),
                     rows=list(survey_rows(done.result, done.standard, page.lang)), notes=notes,
                     source=source_line(page, done.standard))


# ---- 前后对比 ----------------------------------------------------------------------------------------

def diffed(page: Page, report: Report):
    """`jingpin diff BEFORE NOW`: BEFORE last year's JSON report or a data folder (uploaded or named),
    NOW the session's report as scored (not read again)."""
    if page.ws.before is None:
        return None
    std = report.standard
    old = load_side(page.ws.before, std, None, page.lang)
    now = Side(str(page.ws.data_path()), {"id": std.id, "version": std.version}, None,
               list(report.records.warnings), table_of_report(report, page.lang))
    return compare(old, now, std)


async def take_before(page: Page, form) -> str | None:
    """Keep the "before" side the form gives (a JSON report, data files with their survey answers if
    any, or a folder); why not, if not. A refused form leaves the side there was as it was."""
    ws = page.ws

    def uploads(name: str) -> list:
        return [f for f in form.getlist(name) if isinstance(f, UploadFile) and f.filename]

    files, answers = uploads("before"), uploads("before_survey")
    text = str(form.get("before_folder") or "").strip()
    if not files and not text:
        return page.w("diff.answers_need_sheets" if answers else "upload.none")
    reports = [f for f in files if f.filename.lower().endswith(".json")]
    if answers and (reports or text):  # a report holds its rates; a folder its own surveys/
        return page.w("diff.answers_need_sheets")
    if text:
        folder, refused = named_folder(page, text)
        if refused is not None:
            return refused
        ws.empty("before")
        ws.before = folder
        return None
    if reports and len(reports) != len(files) or len(reports) > 1:
        return page.w("diff.one_side")
    named = []  # (role, stored name, upload): every name checked before anything is stored
    for role, given in (("before", files), ("before_survey", answers)):
        suffixes = (".json",) if reports else accepted_suffixes(role)
        for file in given:
            name = safe_name(file.filename, suffixes)
            if name is None:
                return page.w("upload.bad_suffix", name=file.filename, accepted=sep(page.lang, "list").join(suffixes))
            named.append((role, name, file))
    # the session's limits, checked before the earlier side is let go (it gives its room back)
    others = [p for p in ws.files() if ws.place("before") not in p.parents]
    room = MAX_TOTAL_BYTES - sum(p.stat().st_size for p in others)
    contents = []
    for role, name, file in named:
        content = await file.read(room + 1)  # never more than would fit, and one byte to tell
        room -= len(content)
        contents.append((role, name, content))
    if len(others) + len(contents) > MAX_FILES or room < 0:
        return page.w("upload.too_many" if room >= 0 else "upload.too_big", n=MAX_FILES, mb=MAX_TOTAL_BYTES // MiB)
    ws.empty("before")
    for role, name, content in contents:
        saved = ws.save(role, name, content)
    ws.before = saved if reports else ws.place("before")
    return None


def before_name(page: Page) -> str | None:
    """The "before" side as the page names it: the JSON report's name, the folder, or the files uploaded."""
    before, ws = page.ws.before, page.ws
    if before is None:
        return None
    if before != ws.place("before"):
        return before.name if before.is_file() else str(before)
    names = [p.name for p in sorted(before.iterdir()) if p.is_file()]
    answers = ws.place("before_survey")
    counted = sum(p.is_file() for p in answers.iterdir()) if answers.is_dir() else 0
    listed = sep(page.lang, "list").join(names[:5])
    if len(names) > 5:
        listed += " " + page.w("source_more", n=len(names) - 5)
    return listed + (page.w("diff.with_answers", n=counted) if counted else "")


DISTRICT_NAMES = 20  # communities named at most among those entering or leaving the eligible list


@gated
async def diff_page(page: Page):
    if page.request.method == "POST":
        refused = await take_before(page, await page.form())
        return page.redirect("/diff" + ("?" + urlencode({"refused": refused}) if refused else ""))
    result, shown = result_or_problem(page, lambda r: cached(page.ws, f"diff.{page.lang}", lambda: diffed(page, r)))
    if shown is not None:
        return shown
    report = the_report(page)
    changes = [c for c in result["communities"] if c["delta"] or c["closed"] or c["opened"]] if result else []
    lang = page.lang
    # the district totals, as `jingpin diff` shows them (who entered and who left the eligible list named)
    district = [(r.label, r.old, r.new, r.change if isinstance(r.change, str) else signed(r.change))
                for r in district_rows(result, lang, limit=DISTRICT_NAMES)] if result else []
    return page.html("diff.html", result=result, changes=changes, district=district,
                     note=source_note(result, lang) if result else None,
                     source=source_line(page, report),
                     before=before_name(page), refused=page.request.query_params.get("refused"),
                     root=page.server.root)


# ---- 下载 ---------------------------------------------------------------------------------------------

@gated
@after_work
async def download_page(page: Page):
    report, shown = result_or_problem(page, lambda r: r)
    if report is None:
        return shown
    form = ScreenForm.asked(page)
    kinds = [k for k in DOWNLOADS if (k != "diff" or page.ws.before is not None)
             and (k != "survey" or has_surveys(page.ws.data_path()))]
    return page.html("download.html", kinds=kinds, formats=DOWNLOADS, screen_query=form.query(),
                     source=source_line(page, report))


def has_surveys(data: Path) -> bool:
    return (data / SURVEYS_DIR).is_dir()


@gated
@after_work
async def download(page: Page):
    result_kind, fmt = page.request.path_params["kind"], page.request.path_params["fmt"]
    if fmt not in DOWNLOADS.get(result_kind, ()):
        raise HTTPException(404)
    options = Options(lang=page.lang)

    def make(report):
        if result_kind == "audit":
            return report
        if result_kind == "screen":
            return screened(report, ScreenForm.asked(page))
        if result_kind == "survey":
            return surveyed(page, report)
        return cached(page.ws, f"diff.{page.lang}", lambda: diffed(page, report))

    result, shown = result_or_problem(page, make)
    if shown is not None:
        return shown
    if result is None:  # a diff without last year's report
        return page.redirect("/diff")
    content = renderer(result_kind, fmt).render(result, options)
    if not isinstance(content, (str, bytes)):
        content = b"".join(c.encode("utf-8") if isinstance(c, str) else c for c in content)
    name = f"{page.w('download.' + result_kind)}.{fmt}"
    disposition = f"attachment; filename=\"jingpin-{result_kind}.{fmt}\"; filename*=UTF-8''{quote(name)}"
    return page.finish(Response(content, media_type=CONTENT_TYPES[fmt],
                                headers={"content-disposition": disposition}))


# ---- errors -----------------------------------------------------------------------------------------

async def http_error(request: Request, exc: HTTPException):
    page = Page(request)
    message = {403: page.w("csrf"), 413: page.w("upload.too_big", mb=MAX_TOTAL_BYTES // MiB)}.get(
        exc.status_code, page.w("not_found"))
    return page.html("message.html", message=message, status=exc.status_code)


async def server_error(request: Request, exc: Exception):
    """A bug of ours: one line on the page, and the server goes on."""
    page = Page(request)
    return page.html("message.html", message=f"jingpin: internal error: {type(exc).__name__}", status=500)
