"""Certificate figures for `make bench`: render time against WeasyPrint's floor, and a bulk
issue of 1,000 certificates by two Celery workers on PostgreSQL and Redis, with memory.

Run through scripts/bench, which points Django at a scratch database of its own.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RENDERS = 40
BULK = int(os.environ.get("BENCH_BULK", "1000"))


def render_figures() -> list[tuple[str, str, str]]:
    # Imported here, like every bench module's app imports: bench.run calls django.setup()
    # first.
    from weasyprint import HTML

    from certificates.models.template import sample_certificate
    from certificates.pdf import render_certificate
    from core.pdf import PRINT_FAMILY, font_config, font_face_css

    head = "<!DOCTYPE html><html><head><meta charset='utf-8'>"
    empty = HTML(string=f"{head}</head><body></body>")
    # What any text costs on top of the empty page: one line in the print font, embedded.
    line = HTML(
        string=f"{head}<style>body {{ font-family: '{PRINT_FAMILY}' }}</style></head>"
        "<body><p>Удостоверение о повышении квалификации</p></body>"
    )
    certificate = sample_certificate()
    renders = {
        "empty": lambda: empty.write_pdf(font_config=font_config()),
        "line": lambda: line.write_pdf(stylesheets=[font_face_css()], font_config=font_config()),
        "certificate": lambda: render_certificate(certificate),
    }
    # In turn, one of each, so drift in the machine's speed falls on all three alike.
    times = {name: [] for name in renders}
    for fn in renders.values():
        fn()  # warm
    for _ in range(RENDERS):
        for name, fn in renders.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    (floor, floor95), (one, one95), (cost, cost95) = (
        (statistics.median(t), sorted(t)[int(0.95 * (len(t) - 1))]) for t in times.values()
    )
    return [
        ("WeasyPrint empty page (floor)", f"{floor * 1000:.0f} ms", f"p95 {floor95 * 1000:.0f} ms"),
        (
            "One line of text in the print font",
            f"{one * 1000:.0f} ms",
            f"p95 {one95 * 1000:.0f} ms · {one / floor:.2f}× the empty page",
        ),
        ("Certificate PDF", f"{cost * 1000:.0f} ms", f"p95 {cost95 * 1000:.0f} ms"),
        ("Certificate / floor", f"{cost / floor:.2f}×", "goal ≤ 1.5×"),
    ]


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pool_pids(parent: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def bulk_figures() -> list[tuple[str, str, str]]:
    from django.conf import settings

    if (
        not settings.CELERY_BROKER_URL
        or "postgresql" not in settings.DATABASES["default"]["ENGINE"]
    ):
        return [("Bulk issue", "NOT RUN", "needs PostgreSQL and Redis")]
    # Imported here: only when the figure runs (after django.setup()).
    from certificates.services import start_bulk_issue
    from demo.build import build_demo
    from lms import celery_app
    from tests.builders.routes import build_many_graduates

    demo = build_demo()
    build_many_graduates(demo, BULK, prefix="bench")
    celery_app.control.purge()
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "lms",
                "worker",
                "--loglevel=WARNING",
                "--concurrency=1",
                "--pool=prefork",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"bench{n}@localhost",
            ],
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(2)
    ]
    try:
        time.sleep(6)  # both workers up and warm before the clock starts
        start = time.perf_counter()
        job = start_bulk_issue(cohort=demo.cohort, started_by=demo.users["admin"])
        samples: dict[int, list[int]] = {}
        while True:
            for worker in workers:
                for pid in _pool_pids(worker.pid):
                    rss = _rss_kb(pid)
                    if rss:  # 0: the process was just replaced (max tasks per child)
                        samples.setdefault(pid, []).append(rss)
            progress = job.progress()
            if progress["finished"]:
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - start
    finally:
        # The holders' e-mails are still queued behind the certificates; they are not timed.
        celery_app.control.purge()
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a warm shutdown still busy: stop it cold
                worker.kill()
                worker.wait()
    memory = []
    for values in samples.values():
        if len(values) >= 4:
            tenth = max(1, len(values) // 10)
            early = statistics.median(values[tenth : 2 * tenth + 1])
            memory.append((early, values[-1], max(values)))
    rows = [
        (f"Bulk issue of {BULK} (2 workers)", f"{elapsed:.1f} s", "goal ≤ 70 s"),
        ("Throughput", f"{progress['done'] / elapsed:.1f} /s", f"failed {progress['failed']}"),
    ]
    for n, (early, last, peak) in enumerate(memory, start=1):
        rows.append(
            (
                f"Worker {n} RSS (after warm-up → end)",
                f"{early / 1024:.0f} → {last / 1024:.0f} MiB",
                f"peak {peak / 1024:.0f} MiB",
            )
        )
    return rows
