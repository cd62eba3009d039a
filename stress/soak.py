"""The stress and soak command (stress/README.md). Under the launcher, with the Java workers on
CLASSPATH (Maven: mvn -B -Pstress -DskipTests verify -Dstress.minutes=N):

    CLASSPATH=stress/target/classes JDK_JAVA_OPTIONS=-Xmx256m \\
        jthreading run stress/soak.py --minutes 60 --report stress/target/stress-report.json

Prints a progress line per window and the report's table; writes the JSON report; exits 1 if
any invariant check failed. JTHREADING_NATIVE=0 runs it without the native fast path.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workload.report import table  # noqa: E402
from workload.run import run  # noqa: E402


def main(argv):
    parser = argparse.ArgumentParser(prog="soak.py", description=__doc__.splitlines()[0])
    length = parser.add_mutually_exclusive_group()
    length.add_argument("--minutes", type=float, help="how long the workers run")
    length.add_argument("--seconds", type=float, help="the same, in seconds")
    parser.add_argument("--report", type=Path, help="where the JSON report goes")
    args = parser.parse_args(argv)
    seconds = args.seconds if args.seconds is not None else 60 * (args.minutes or 1)

    def progress(text):
        print(text, flush=True)
    report = run(seconds, progress)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=1) + "\n")
    print()
    print(table(report), flush=True)
    return 1 if report["checks"]["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
