"""The ``jthreading`` command: ``run`` a Python program inside a JVM, or print ``info``."""

import os
import sys

from jthreading import _installation as where

USAGE = """usage: jthreading run [--patch] SCRIPT [ARGS...]
       jthreading run [--patch] -m MODULE [ARGS...]
       jthreading dump PID
       jthreading info

run   runs a Python program like `python` does, inside a JVM that embeds this Python through Jep,
      so that it can use jthreading (and Java) objects. --patch: drop-in mode, `import threading`
      gives jthreading to the program and everything it imports (also JTHREADING_PATCH=1).
dump  prints the thread dump of both languages of a running `jthreading run` process (its
      stderr gets it too): every thread, what it waits on and who holds it, the deadlocks.
info  prints what a Java application needs to embed Python with jthreading."""


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["run"]:
        program = argv[2:] if argv[1:2] == ["--patch"] else argv[1:]
        if program[:1] != ["-m"] and len(program) >= 1 or program[:1] == ["-m"] and len(program) >= 2:
            return run(argv[1:])  # --patch goes on to jthreading._runner
    if argv == ["info"]:
        return info()
    if argv[:1] == ["dump"] and len(argv) == 2 and argv[1].isdigit():
        from jthreading._dump_command import dump

        return dump(int(argv[1]))
    print(USAGE, file=sys.stderr)
    return 2


def run(program):
    """Replace this process by the JVM, so streams, signals and the exit status are its own."""
    problems = where.missing_pieces()
    if problems:
        print("jthreading: cannot run: " + "; ".join(problems), file=sys.stderr)
        return 1
    java = where.java_executable()
    command = [java, "-cp", where.class_path(), *where.jvm_options(),
               "io.jthreading.python.Launcher", *program]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvpe(java, command, where.jvm_environment())


def info():
    problems = where.missing_pieces()
    if problems:
        for problem in problems:
            print(f"jthreading: {problem}", file=sys.stderr)
        return 1
    rows = [
        ("jthreading jar", where.core_jar()),
        ("jep jar", where.jep_jar()),
        ("jep native library", where.jep_library()),
        ("python executable", where.python_executable()),
        ("python home", sys.prefix),
        ("libpython directory", where.libpython_dir()),
        ("java class path", where.class_path()),
        ("java options", " ".join(where.jvm_options())),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0
