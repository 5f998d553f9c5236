"""One private temporary folder per browser session: uploads land here under safe names, and the
folder is removed when the session ends (the page's 结束 button, idle timeout) or the server stops.

An uploaded file's own name is never used as a path: only its last part is kept, reduced to
letters, digits and `-_.` (Chinese letters are letters), and a name already taken gets a number.
A folder the user names is only read (it becomes the data source); nothing is written into it."""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from jingpin_cli.records.limits import MAX_ZIP_RATIO, ZIP_RATIO_FROM
from jingpin_cli.records.load import DATA_SUFFIXES
from jingpin_cli.records.surveys import SURVEY_SUFFIXES, SURVEYS_DIR
from jingpin_cli.serve.jobs import Job
from jingpin_cli.serve.security import new_token

MiB = 2**20
MAX_FILES = 200  # per session: a district's sheets and survey files fit many times over
MAX_TOTAL_BYTES = 256 * MiB  # per session, all uploads together (one CSV may be this large, as the loader allows)
IDLE_SECONDS = 4 * 3600  # a session unused this long is ended and its files removed
# live sessions at once: a new one past this ends the one unused longest (every cookie-less request
# starts a session, so without a bound a script could fill the temp folder with empty workspaces)
MAX_SESSIONS = 200
PACK_SUFFIXES = (".yaml", ".yml", ".txt")  # a pack's four files: three YAML and source.txt
# a pack may also come as one .zip of its files (or of its folder): a pack is a handful of small files,
# so a zip of more entries or more bytes than these is not one (and may be a bomb); each part is held
# to the loaders' ratio limit as an .xlsx's parts are, and each YAML file to safe_yaml's size limit
MAX_PACK_ZIP_ENTRIES = 50
MAX_PACK_ZIP_UNPACKED = 64 * MiB
KINDS = ("data", "survey", "pack")
UNSAFE = re.compile(r"[^\w.\-]+")


def accepted_suffixes(role: str) -> tuple[str, ...]:
    if role in ("survey", "before_survey"):
        return tuple(SURVEY_SUFFIXES)
    if role == "pack":
        return PACK_SUFFIXES + (".zip",)
    return tuple(DATA_SUFFIXES)


def safe_name(name: str, suffixes: tuple[str, ...]) -> str | None:
    """The stored name of an upload called `name`, or None when its suffix is not one read here.

    `../../x.csv` → `x.csv`, `C:\\a\\b.xlsx` → `b.xlsx`, `.hidden.csv` → `hidden.csv`."""
    last = name.replace("\\", "/").split("/")[-1]
    clean = UNSAFE.sub("_", last).lstrip("._")[:120]
    suffix = Path(clean).suffix.lower()
    if suffix not in suffixes or not Path(clean).stem:
        return None
    return clean


class Refused(Exception):
    """An upload not taken; `key` names the page word that says why, `params` fill it in."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


class TooMuch(Refused):
    """An upload past the session's limits."""


def pack_members(name: str, content: bytes) -> list[tuple[str, bytes]]:
    """The pack files in an uploaded zip, as (stored name, bytes); Refused when it is not a zip, holds
    no pack file, holds two files of one name, or would unpack past the limits.

    Only each entry's last name part is kept (as for any upload), so a folder zipped whole
    (`本区标准/standard.yaml`) gives the same files, and `../../x.yaml` stays `x.yaml`. Entries that are
    not pack files (a README, macOS's `__MACOSX/._*` copies) are left out. Nothing is extracted by
    zipfile itself: each entry is read into memory, bounded by its declared size, and saved by `save`."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = [e for e in archive.infolist() if not e.is_dir()]
            if len(entries) > MAX_PACK_ZIP_ENTRIES:
                raise Refused("upload.zip_bomb", name=name, detail=f"{len(entries)} > {MAX_PACK_ZIP_ENTRIES}")
            if sum(e.file_size for e in entries) > MAX_PACK_ZIP_UNPACKED:
                raise Refused("upload.zip_bomb", name=name, detail=f"> {MAX_PACK_ZIP_UNPACKED // MiB} MB")
            members: dict[str, bytes] = {}
            for entry in entries:
                last = entry.filename.replace("\\", "/").split("/")[-1]
                if "__MACOSX" in entry.filename or last.startswith("._"):
                    continue
                stored = safe_name(last, PACK_SUFFIXES)
                if stored is None:
                    continue
                if entry.file_size > ZIP_RATIO_FROM and entry.file_size > MAX_ZIP_RATIO * max(entry.compress_size, 1):
                    raise Refused("upload.zip_bomb", name=name, detail=f"{last} ×{MAX_ZIP_RATIO}+")
                if stored in members:
                    raise Refused("upload.zip_twice", name=name, file=stored)
                with archive.open(entry) as part:  # zipfile stops at the declared size and checks the CRC
                    members[stored] = part.read(entry.file_size + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, EOFError, ValueError,
            zlib.error, OSError):
        raise Refused("upload.bad_zip", name=name) from None  # encrypted (RuntimeError), truncated, not a zip
    if not members:
        raise Refused("upload.zip_empty", name=name)
    return sorted(members.items())


@dataclass
class Workspace:
    root: Path
    csrf: str = field(default_factory=new_token)
    folder: Path | None = None  # a data folder named on the page, read in place
    pack: str | None = None  # a shipped pack's name; None with uploaded pack files means the upload
    before: Path | None = None  # last year's JSON report, for 前后对比
    screen_query: str = ""  # the 示范点遴选 form as last shown: the 下载 page offers those picks
    version: int = 0  # bumped by every change, so cached results are recomputed
    used: float = field(default_factory=time.monotonic)
    cache: dict = field(default_factory=dict)
    job: Job | None = None  # the reading and scoring going on in a thread, if any (serve/jobs.py)

    @classmethod
    def create(cls) -> Workspace:
        return cls(Path(tempfile.mkdtemp(prefix="jingpin-serve-")))  # mode 0700: this user only

    def place(self, role: str) -> Path:
        return {"data": self.root / "data", "survey": self.root / "data" / SURVEYS_DIR,
                "pack": self.root / "pack", "before": self.root / "before",
                "before_survey": self.root / "before" / SURVEYS_DIR}[role]

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.is_file())

    def total_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.files())

    def save(self, role: str, name: str, content: bytes) -> Path:
        """Store one upload under a safe, unused name in the place for `role`; TooMuch past the limits."""
        files = self.files()
        if len(files) >= MAX_FILES:
            raise TooMuch("upload.too_many")
        if sum(p.stat().st_size for p in files) + len(content) > MAX_TOTAL_BYTES:
            raise TooMuch("upload.too_big")
        place = self.place(role)
        place.mkdir(parents=True, exist_ok=True)
        target = place / name
        n = 1
        while target.exists():
            n += 1
            target = place / f"{Path(name).stem}-{n}{Path(name).suffix}"
        target.write_bytes(content)
        self.changed(role)
        return target

    def changed(self, role: str | None = None) -> None:
        """Forget what was computed from what changed: the "before" side of 前后对比 feeds only the diff,
        so the scored report (and its check) is kept when it changes."""
        self.version += 1
        if role in ("before", "before_survey"):
            for key in [k for k in self.cache if k.startswith("diff")]:
                del self.cache[key]
        else:
            self.cache.clear()

    def data_path(self) -> Path | None:
        """What the data comes from: the named folder, else the uploads (None: nothing yet)."""
        if self.folder is not None:
            return self.folder
        data = self.place("data")
        return data if data.is_dir() and any(p.is_file() for p in data.iterdir()) else None

    def pack_path(self) -> Path | None:
        pack = self.place("pack")
        return pack if pack.is_dir() and any(pack.iterdir()) else None

    def empty(self, role: str) -> None:
        """Remove what was uploaded as `role` (a new pack replaces the old one, file for file)."""
        shutil.rmtree(self.place(role), ignore_errors=True)
        self.changed(role)

    def clear(self) -> None:
        """Remove every upload and forget the named folder; the session itself goes on."""
        for child in self.root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        self.folder, self.pack, self.before, self.screen_query = None, None, None, ""
        self.changed()

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class Sessions:
    """Every live session's workspace, by session id; idle ones are ended as requests come in."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS):
        self.by_id: dict[str, Workspace] = {}
        self.idle_seconds = idle_seconds

    def get(self, sid: str | None) -> Workspace | None:
        self.expire()
        ws = self.by_id.get(sid) if sid else None
        if ws is not None:
            ws.used = time.monotonic()
        return ws

    def start(self) -> tuple[str, Workspace]:
        while len(self.by_id) >= MAX_SESSIONS:
            self.end(min(self.by_id, key=lambda s: self.by_id[s].used))
        sid = new_token()
        self.by_id[sid] = ws = Workspace.create()
        return sid, ws

    def end(self, sid: str) -> None:
        ws = self.by_id.pop(sid, None)
        if ws is not None:
            ws.remove()

    def expire(self) -> None:
        now = time.monotonic()
        for sid in [s for s, ws in self.by_id.items() if now - ws.used > self.idle_seconds]:
            self.end(sid)

    def end_all(self) -> None:
        for sid in list(self.by_id):
            self.end(sid)
