import time

from django.core.management.base import BaseCommand

from demo.largedata import generate


class Command(BaseCommand):
    help = "Build a large installation for benchmarks (on an empty database), from a seed."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--scale", type=float, default=1.0, help="0.01 for a quick try")

    def handle(self, *args, seed, scale, **options):
        start = time.perf_counter()
        _demo, made = generate(seed=seed, scale=scale)
        for name, count in made.items():
            self.stdout.write(f"{name:>16}: {count:,}")
        self.stdout.write(f"built in {time.perf_counter() - start:.1f} s")
