"""Long work of a session (reading and scoring a big folder) runs in a thread, so the page can say
that it is going on, and how far where the library tells (records.progress: files read of a folder),
instead of the browser waiting on a request that does not answer."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from jingpin_cli.records.progress import watched

WAIT_SECONDS = 1.0  # work done within this is shown at once; longer work gets the “正在处理…” page


@dataclass
class Job:
    version: int  # the workspace's version the work is for: a change of data starts another
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    total: int = 0
    error: BaseException | None = None  # a bug of ours in the work, shown on the page
    thread: threading.Thread | None = None

    @classmethod
    def start(cls, version: int, work) -> Job:
        job = cls(version)

        def run():
            try:
                with watched(job.tell):
                    work()
            except BaseException as exc:  # noqa: BLE001 — kept for the page, the thread must not die silently
                job.error = exc

        job.thread = threading.Thread(target=run, name="jingpin-serve-job", daemon=True)
        job.thread.start()
        return job

    def tell(self, done: int, total: int, description: str) -> None:
        self.done, self.total = done, total

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    @property
    def seconds(self) -> int:
        return int(time.monotonic() - self.started)
