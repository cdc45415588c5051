"""``python -m bench [--scales demo,national,nordic,stress] [--repeat N] [--out DIR] [--no-pages]
[--no-neo4j] [--neo4j-heap MB]``."""

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
    parser.add_argument("--no-neo4j", action="store_true", help="only the embedded FalkorDB (no Java needed)")
    parser.add_argument("--neo4j-heap", type=int, default=Options.neo4j_heap_mb, metavar="MB",
                        help="heap of the Neo4j server (default %(default)s MB)")
    args = parser.parse_args(argv)
    scales = tuple(s.strip() for s in args.scales.split(",")) if args.scales else DEFAULT_SCALES
    unknown = [s for s in scales if s not in SCALES]
    if unknown:
        parser.error(f"unknown scale {', '.join(unknown)}; choose from {', '.join(SCALES)}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.neo4j_heap < 256:
        parser.error("--neo4j-heap must be at least 256 MB")
    return Options(scales=scales, repeat=args.repeat, out=args.out, pages=not args.no_pages,
                   explicit_scales=args.scales is not None, neo4j=not args.no_neo4j,
                   neo4j_heap_mb=args.neo4j_heap)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and say where the results are."""
    options = parse(sys.argv[1:] if argv is None else argv)
    run(options)
    print(f"[bench] results in {options.out / 'results.md'} and results.json")


if __name__ == "__main__":
    main()
