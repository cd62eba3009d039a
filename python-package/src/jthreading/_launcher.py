"""The ``jthreading`` command: ``run`` a Python program inside a JVM, ``dump`` its threads, run a
``zk-server`` for jthreading.distributed, or print ``info``."""

import os
import sys

from jthreading import _installation as where

USAGE = """usage: jthreading run [--patch] SCRIPT [ARGS...]
       jthreading run [--patch] -m MODULE [ARGS...]
       jthreading dump PID
       jthreading zk-server [--port N] [--data-dir DIR] [--tick-ms N]
       jthreading info

run   runs a Python program like `python` does, inside a JVM that embeds this Python through Jep,
      so that it can use jthreading (and Java) objects. --patch: drop-in mode, `import threading`
      gives jthreading to the program and everything it imports (also JTHREADING_PATCH=1).
dump  prints the thread dump of both languages of a running `jthreading run` process (its
      stderr gets it too): every thread, what it waits on and who holds it, the deadlocks.
zk-server  runs a single-node ZooKeeper for jthreading.distributed's processes on this machine
      until stopped (Ctrl-C, SIGTERM); prints "... ZooKeeper at 127.0.0.1:PORT" (the address to
      connect to). --port: its loopback port (default 2181, 0: a free one); --data-dir: where it
      keeps its data (default: a temporary folder deleted at exit); --tick-ms: ZooKeeper's tick
      (default 2000; sessions may last 2 to 20 ticks).
info  prints what a Java application needs to embed Python with jthreading.

JTHREADING_LOG_LEVEL (trace, debug, info, warn, error, off; default error): what ZooKeeper and
Curator log on stderr, in `run` and `zk-server`."""


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
    if argv[:1] == ["zk-server"]:
        options = zk_server_options(argv[1:])
        if options is not None:
            return zk_server(options)
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


ZK_SERVER_OPTIONS = {"--port": lambda v: v.isdigit() and int(v) <= 65535,
                     "--data-dir": lambda v: v != "",
                     "--tick-ms": lambda v: v.isdigit() and 0 < int(v) < 2**31}


def zk_server_options(args):
    """The arguments as EmbeddedZooKeeper.main takes them, or None when they are not valid."""
    if len(args) % 2:
        return None
    pairs = list(zip(args[::2], args[1::2]))
    if not all(name in ZK_SERVER_OPTIONS and ZK_SERVER_OPTIONS[name](value)
               for name, value in pairs):
        return None
    return args


def zk_server(options):
    """Replace this process by the JVM running the server: Ctrl-C and SIGTERM reach the JVM,
    whose shutdown hook stops the server (and deletes a temporary data folder)."""
    jars = where.distributed_jars()
    if not jars or not where.core_jar().is_file():
        print(f"jthreading: cannot run zk-server: {where.DISTRIBUTED_MISSING}", file=sys.stderr)
        return 1
    java = where.java_executable()
    command = [java, "-cp", where.server_class_path(), *where.logging_options(),
               "io.jthreading.distributed.EmbeddedZooKeeper", *options]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvpe(java, command, dict(os.environ))


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
        *[("distributed jars" if i == 0 else "", jar)
          for i, jar in enumerate(where.distributed_jars())],
        *[("logging jar", jar) for jar in where.logging_jars()],
    ]
    if not where.distributed_jars():
        rows.append(("distributed jars", f"none ({where.DISTRIBUTED_MISSING})"))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0
