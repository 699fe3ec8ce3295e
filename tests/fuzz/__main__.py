"""``python -m tests.fuzz``: run fuzz cases, print the counts, shrink and save what it finds.

    python -m tests.fuzz --cases 10000 --seed 1 --jobs 2
    python -m tests.fuzz --seed 1 --start 4711 --cases 1      # one case again
    python -m tests.fuzz --replay                              # the saved reproducers

Exit status 0 when nothing was found, 1 otherwise. See docs/fuzzing.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable

from tests.fuzz.corpus import Case
from tests.fuzz.mutate import make_case
from tests.fuzz.runner import BUDGET, Outcome, Pool, Tally
from tests.fuzz.shrink import load, reproducers, save, shrink


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="how many cases (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="which series of cases (default 1)")
    parser.add_argument("--start", type=int, default=0, help="the first case's index (default 0)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--budget", type=float, default=BUDGET, help=f"seconds a case may take (default {BUDGET:g})"
    )
    parser.add_argument("--shrink-seconds", type=float, default=120.0, help="per finding (default 120)")
    parser.add_argument("--no-save", action="store_true", help="report findings; do not shrink or save them")
    parser.add_argument("--replay", action="store_true", help="run the saved reproducers instead")
    parser.add_argument(
        "--case", action="append", default=[], metavar="SEED:INDEX", help="run just this case (repeatable)"
    )
    parser.add_argument("--verbose", action="store_true", help="print every case's outcome")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    tally = Tally()
    started = time.monotonic()

    def record(case: Case, outcome: Outcome) -> None:
        tally.add(case, outcome)
        if args.verbose or outcome.is_finding:
            what = outcome.signature or outcome.detail  # a finding's signature, else the codes
            print(f"{case.name}: {outcome.kind} {what} ({outcome.seconds:.2f} s)", flush=True)
        if tally.cases % 500 == 0:
            print(f"... {tally.cases} cases, {time.monotonic() - started:.0f} s", flush=True)

    with Pool(args.jobs, args.budget) as pool:
        cases: Iterable[Case]
        if args.replay:
            cases = [load(folder) for folder in reproducers()]
        elif args.case:
            cases = [make_case(*(int(n) for n in given.split(":"))) for given in args.case]
        else:
            cases = (make_case(args.seed, i) for i in range(args.start, args.start + args.cases))
        pool.run(cases, record)
        print(tally.summary())
        print(f"wall time {time.monotonic() - started:.0f} s with {args.jobs} workers")
        for name, (case, outcome) in (tally.findings or {}).items():
            print(f"\n{name}\n  first: {case.name}, {case.target} {case.part or ''}")
            print("  " + "\n  ".join(op.describe() for op in case.ops))
            print("  " + outcome.detail.strip().splitlines()[-1][:300] if outcome.detail.strip() else "")
            if not (args.no_save or args.replay):
                small = shrink(case, outcome, pool, args.shrink_seconds)
                print(f"  saved: {save(small, outcome, case.ops)}")
    return 1 if tally.findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
