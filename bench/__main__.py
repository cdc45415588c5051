"""``python -m bench [--scales demo,national,nordic,stress] [--repeat N] [--out DIR] [--no-pages]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.run import DEFAULT_SCALES, SCALES, Options, run


def parse(argv: list[str]) -> Options:
    """Options from the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scales", help=f"comma-separated, from {', '.join(SCALES)} "
                        f"(default: {','.join(DEFAULT_SCALES)}; stress only if it fits)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (median)")
    parser.add_argument("--out", type=Path, default=Options.out, help="folder for results.md and .json")
    parser.add_argument("--no-pages", action="store_true", help="do not render the app pages")
    args = parser.parse_args(argv)
    scales = tuple(s.strip() for s in args.scales.split(",")) if args.scales else DEFAULT_SCALES
    unknown = [s for s in scales if s not in SCALES]
    if unknown:
        parser.error(f"unknown scale {', '.join(unknown)}; choose from {', '.join(SCALES)}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return Options(scales=scales, repeat=args.repeat, out=args.out, pages=not args.no_pages,
                   explicit_scales=args.scales is not None)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and say where the results are."""
    options = parse(sys.argv[1:] if argv is None else argv)
    run(options)
    print(f"[bench] results in {options.out / 'results.md'} and results.json")


if __name__ == "__main__":
    main()
