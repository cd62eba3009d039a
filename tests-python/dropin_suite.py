"""Runs one of CPython's own test suites in drop-in mode and writes its counts as JSON.

Usage (test_cpython_dropin.py does this, one subprocess per suite):
    jthreading run --patch dropin_suite.py SUITE OUT.json
SUITE is a key of dropin_skips.SUITES. The tests are those of the running CPython's Lib/test,
loaded with unittest; dropin_skips.SKIPS turns the ones that cannot apply into skips whose
reason starts with their category. Progress goes to stderr (one line per test).
"""

import errno
import fnmatch
import importlib
import json
import os
import sys
import threading
import time
import traceback
import unittest

import dropin_skips


def main(suite_key, out_path):
    if threading.__name__ != "jthreading":
        sys.exit("dropin_suite.py: run it with `jthreading run --patch`")
    suite = dropin_skips.SUITES[suite_key]
    _quiet_jep_packages_for_warnings()
    from test import support
    # regrtest's default is none; each suite names those it needs (its module-level requires())
    support.use_resources = list(suite.get("resources", ()))
    try:
        tests = _load(suite)
    except ImportError as error:  # a pyenv build without that suite
        return _write(out_path, {"suite": suite_key, "not_installed": str(error)})
    skipped = dropin_skips.apply(suite_key, tests)
    result = _CountingResult(unittest.runner._WritelnDecorator(sys.stderr), True, 2)
    _refuse_fork(result)
    started = time.monotonic()
    unittest.TestSuite(tests).run(result)
    counts = result.counts()
    counts.update(suite=suite_key, seconds=round(time.monotonic() - started, 1),
                  skipped_by_table=skipped)
    _write(out_path, counts)
    _report_threads_left()
    sys.stderr.flush()


def _refuse_fork(result):
    """A forked child of the JVM has no JVM threads: the child hangs or not, by luck (seen in CI
    on 3.11 and 3.12). So a fork in this process fails its test at once, naming it, instead of
    a hang some runs later; dropin_skips.SKIPS lists every test that forks as FORK. Children
    started with subprocess (fork and exec in C) are not affected."""
    def refused(*args, **kwargs):
        test = result.current_test
        print(f"\nFORK refused in {test}: list it as FORK in dropin_skips.SKIPS",
              file=sys.stderr, flush=True)
        result.forked.add(test)
        raise OSError(errno.ENOSYS, "jthreading drop-in suite: os.fork() of the JVM refused")
    for name in ("fork", "forkpty"):
        if hasattr(os, name):
            setattr(os, name, refused)


def _report_threads_left():
    """Non-daemon threads still running make the exit wait, as in CPython: name them."""
    left = [t for t in threading.enumerate()
            if t is not threading.current_thread() and not t.daemon]
    left += [t for t in threading._real_threading.enumerate()
             if t is not threading._real_threading.current_thread() and not t.daemon]
    if left:
        print(f"dropin_suite.py: non-daemon threads left: {left}", file=sys.stderr)


def _load(suite):
    loader = unittest.TestLoader()
    found = []
    for name in suite["modules"]:
        module = importlib.import_module(name)
        found.extend(_flatten(loader.loadTestsFromModule(module)))
    classes = suite.get("classes")
    if classes:
        found = [t for t in found if any(fnmatch.fnmatchcase(type(t).__name__, pattern)
                                         for pattern in classes)]
    return found


def _flatten(tests):
    for test in tests:
        if isinstance(test, unittest.TestSuite):
            yield from _flatten(test)
        else:
            yield test


def _quiet_jep_packages_for_warnings():
    """unittest's assertWarns reads ``__warningregistry__`` of every module in sys.modules;
    Jep's ``java`` package modules answer a missing attribute with ImportError (a Java
    ClassNotFoundException) instead of AttributeError, so give them one (a Jep limitation,
    the same with or without drop-in mode)."""
    for module in list(sys.modules.values()):
        try:
            getattr(module, "__warningregistry__", None)
        except ImportError:
            module.__warningregistry__ = {}


class _CountingResult(unittest.TextTestResult):
    """Counts one outcome per test (unittest's own testsRun leaves out decorator skips on
    3.12+, and subtests fail without addFailure)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {}
        self.skip_reasons = {}
        self.current_test = None
        self.forked = set()  # tests that called os.fork(), refused by _refuse_fork

    def _outcome(self, test, outcome):
        if self.outcomes.get(test.id()) != "failed":  # a failed subtest fails its test
            self.outcomes[test.id()] = outcome

    def startTest(self, test):
        _quiet_jep_packages_for_warnings()  # tests import more java packages as they go
        self.current_test = test.id()
        super().startTest(test)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._outcome(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._outcome(test, "failed")
        self.stream.writeln(self.failures[-1][1])  # now: a later hang must not hide it

    def addError(self, test, err):
        super().addError(test, err)
        self._outcome(test, "failed")
        self.stream.writeln(self.errors[-1][1])

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._outcome(test, "failed")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._outcome(test, "skipped")
        self.skip_reasons.setdefault(reason, []).append(test.id())

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._outcome(test, "expected failure")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._outcome(test, "failed")

    def counts(self):
        def described(pairs):
            return [{"test": str(test), "detail": detail[-4000:]} for test, detail in pairs]
        outcomes = list(self.outcomes.values())
        return {"run": len(outcomes), "passed": outcomes.count("passed"),
                "skipped": self.skip_reasons,
                "failures": described(self.failures), "errors": described(self.errors),
                "unexpected_successes": [str(t) for t in self.unexpectedSuccesses],
                "forked": sorted(self.forked),
                "expected_failures": outcomes.count("expected failure")}


def _write(path, data):
    with open(path, "w") as out:
        json.dump(data, out, indent=1)


if __name__ == "__main__":
    try:
        main(*sys.argv[1:])
    except BaseException:
        traceback.print_exc()
        raise
