"""`make bench`: print the figures as a table and write them to bench/results/latest.md."""

import os
import platform
import sys
from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "latest.md"


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.conf import settings

    from bench import certificates, feasibility, pages  # they import the apps: after setup()
    from bench.reference import cpu_reference

    sections = [
        ("Pages", pages.figures),
        ("Feasibility checker", feasibility.figures),
        ("Certificate PDF", certificates.render_figures),
        ("Bulk issuing", certificates.bulk_figures),
    ]
    lines = [
        "# Benchmarks",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M} · {platform.node()} · {os.cpu_count()} cores · "
        f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} · "
        f"broker {'redis' if settings.CELERY_BROKER_URL else 'none (in-process)'}",
        "",
    ]
    lines += [
        f"CPU reference: {cpu_reference():.2f} s for 10 million Python additions "
        "(the figures scale with it between machines; goals are absolute)",
        "",
    ]
    print(lines[-2], flush=True)
    for title, measure in sections:
        print(f"== {title} …", flush=True)
        rows = measure()
        lines += [f"## {title}", "", "| figure | value | note |", "|---|---|---|"]
        lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
        lines.append("")
        for a, b, c in rows:
            print(f"  {a:<42} {b:>16}   {c}", flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
