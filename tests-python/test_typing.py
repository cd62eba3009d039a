"""Typing: jthreading's stub (python-package/src/jthreading/__init__.pyi, with py.typed).

mypy checks the sample scripts in typing_cases/ against the stub, for the running Python version
and for every other version jthreading supports (mypy checks any target version from one
interpreter): correct_use.py must pass clean under --strict; in the other samples each line
marked ``# E: message`` must get an error containing that message, and no line may get an error
it does not mark. ``# E[<3.12]: message`` / ``# E[>=3.13]: message`` expect it only when checking
for those versions. The stub's names are compared with jthreading's at runtime (the stub is read
with ``ast``, its ``sys.version_info`` guards evaluated), and with CPython's threading, so the
three cannot drift apart.

mypy runs as a subprocess of the venv's python (sys.executable under the launcher; mypy itself
never runs inside the JVM); the venv needs mypy (tests-python/requirements.txt pins it). By hand, from
typing_cases/:

    MYPYPATH=../../python-package/src $VENV/bin/python -m mypy --config-file= --strict \\
        --python-version 3.12 *.py
"""

import ast
import collections
import importlib.util
import inspect
import os
import re
import runpy
import subprocess
import sys
import threading
import tokenize
import warnings
from pathlib import Path

import pytest

import jthreading

HERE = Path(__file__).resolve().parent
CASES = HERE / "typing_cases"
SOURCE = HERE.parent / "python-package" / "src"
STUB = SOURCE / "jthreading" / "__init__.pyi"

#: The Python versions jthreading supports, so the versions the stub's guards must get right.
SUPPORTED_VERSIONS = [(3, 10), (3, 11), (3, 12), (3, 13)]
RUNNING = sys.version_info[:2]

#: Public names that threading (and jthreading) define outside __all__.
DEPRECATED_ALIASES = {"currentThread", "activeCount"}
#: jthreading's own public names (drop-in mode, seeing inside), which threading has not: not in __all__.
OWN_NAMES = {"patch", "patched_late", "dump_threads", "find_deadlocks", "watchdog", "WaitLink",
             "Watchdog"}

#: The classes jthreading declares itself (the other public names are functions, constants, or
#: CPython's own objects).
OWN_CLASSES = ["Lock", "RLock", "Condition", "Semaphore", "BoundedSemaphore", "Event", "Barrier",
               "Thread", "Timer", "local"]

needs_mypy = pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None,
    reason="mypy is not installed in this venv (tests-python/requirements.txt pins it)")


def version_text(version):
    return f"{version[0]}.{version[1]}"


# -- the stub, read with ast -------------------------------------------------------------------

def _version_holds(test, version):
    """A guard of the stub, for ``version``: ``sys.version_info <op> (x, y)``, with and/or/not."""
    if isinstance(test, ast.BoolOp):
        results = [_version_holds(value, version) for value in test.values]
        return all(results) if isinstance(test.op, ast.And) else any(results)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return not _version_holds(test.operand, version)
    if (isinstance(test, ast.Compare) and len(test.ops) == 1
            and ast.unparse(test.left) == "sys.version_info"):
        bound = ast.literal_eval(test.comparators[0])
        compare = {ast.Lt: tuple.__lt__, ast.LtE: tuple.__le__, ast.Gt: tuple.__gt__,
                   ast.GtE: tuple.__ge__}[type(test.ops[0])]
        return compare(tuple(version), tuple(bound))
    raise AssertionError(f"the stub has a guard this test cannot evaluate: {ast.unparse(test)}")


class StubScope:
    """The names a module or class body of the stub declares for one Python version."""

    def __init__(self, body, version):
        self.version = version
        self.names = {}  # name -> its node
        self.all = None
        self._read(body)

    def _read(self, body):
        for node in body:
            if isinstance(node, ast.If):
                self._read(node.body if _version_holds(node.test, self.version) else node.orelse)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.names[node.name] = node
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                self.names[node.target.id] = node
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id == "__all__":
                        self.all = list(ast.literal_eval(node.value))
                    elif isinstance(target, ast.Name):
                        self.names[target.id] = node
            elif isinstance(node, ast.AugAssign) and ast.unparse(node.target) == "__all__":
                self.all += ast.literal_eval(node.value)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    if alias.asname is not None and alias.asname == alias.name.rpartition(".")[2]:
                        self.names[alias.asname] = node  # `import x as x`: a re-export

    def public(self):
        return {name for name in self.names if not name.startswith("_")}

    def class_scope(self, name):
        return StubScope(self.names[name].body, self.version)


def stub_module(version):
    return StubScope(ast.parse(STUB.read_text(), str(STUB)).body, version)


# -- the stub's names against jthreading and threading at runtime ------------------------------

def test_stub_all_is_jthreadings_all():
    assert stub_module(RUNNING).all == jthreading.__all__


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS, ids=version_text)
def test_stub_declares_exactly_all_and_the_deprecated_aliases(version):
    stub = stub_module(version)
    assert stub.all is not None, "the stub has no __all__"
    assert len(stub.all) == len(set(stub.all)), "__all__ repeats a name"
    assert stub.public() == set(stub.all) | DEPRECATED_ALIASES | OWN_NAMES


def test_stub_covers_cpython_threading():
    stub = stub_module(RUNNING)
    assert set(threading.__all__) <= stub.public()
    for alias in DEPRECATED_ALIASES:
        assert hasattr(threading, alias) and alias in stub.public()
    assert "__excepthook__" in stub.names  # threading has it too


def test_every_name_the_stub_declares_exists_at_runtime():
    stub = stub_module(RUNNING)
    missing = {name for name in stub.public() | {"__excepthook__"}
               if not hasattr(jthreading, name)}
    assert not missing, f"declared by the stub, missing from jthreading: {sorted(missing)}"


def test_objects_that_are_cpythons_at_runtime_are_declared_as_cpythons():
    assert jthreading.BrokenBarrierError is threading.BrokenBarrierError
    assert jthreading.ExceptHookArgs is threading.ExceptHookArgs
    assert jthreading.ThreadError is RuntimeError
    assert jthreading.get_native_id is threading.get_native_id
    stub = stub_module(RUNNING)
    assert ast.unparse(stub.names["BrokenBarrierError"]) == \
        "from threading import BrokenBarrierError as BrokenBarrierError"
    assert ast.unparse(stub.names["ExceptHookArgs"]) == "ExceptHookArgs = _ExceptHookArgs"
    assert ast.unparse(stub.names["ThreadError"]) == "ThreadError = RuntimeError"
    for name in OWN_CLASSES:
        assert isinstance(stub.names[name], ast.ClassDef), name


def test_java_classes_are_final_in_the_stub_and_the_rest_subclassable():
    stub = stub_module(RUNNING)
    for name in OWN_CLASSES:
        decorators = {ast.unparse(d) for d in stub.names[name].decorator_list}
        subclassable = name in ("Thread", "Timer", "local")
        assert ("final" in decorators) != subclassable, name
        if not subclassable:
            with pytest.raises(TypeError):
                type("Sub", (getattr(jthreading, name),), {})


def test_bounded_semaphore_is_not_declared_a_semaphore():
    assert not issubclass(jthreading.BoundedSemaphore, jthreading.Semaphore)
    assert stub_module(RUNNING).names["BoundedSemaphore"].bases == []


def _cpython_class(name):
    """CPython's class for threading's ``name`` (Lock and RLock are factory functions)."""
    if name == "Lock":
        return type(threading.Lock())
    if name == "RLock":
        return type(threading.RLock())
    return getattr(threading, name)


def _cpython_instance(name):
    arguments = {"Barrier": (1,), "Timer": (1.0, print)}.get(name, ())
    return getattr(threading, name)(*arguments)


def _finished_timer():
    """A jthreading Timer, run to its end (one never started would stay registered)."""
    timer = jthreading.Timer(0.0, print)
    timer.cancel()
    timer.start()
    timer.join(10)
    assert timer.finished.is_set()
    return timer


@pytest.mark.parametrize("name", OWN_CLASSES)
def test_class_members_match_cpython_and_exist_at_runtime(name):
    """The public members the stub declares for a class are CPython's (its instance's: Timer's
    attributes are set by __init__), and jthreading's class or instance has them all."""
    stub = stub_module(RUNNING)
    declared = stub.class_scope(name).public()
    if name == "Timer":
        declared |= stub.class_scope("Thread").public()
    theirs = {member for member in dir(_cpython_instance(name)) if not member.startswith("_")}
    assert declared == theirs, f"stub minus CPython: {sorted(declared - theirs)}; " \
                               f"CPython minus stub: {sorted(theirs - declared)}"
    ours = dir(_finished_timer() if name == "Timer" else getattr(jthreading, name))
    assert declared - set(ours) == set()


def _stub_parameters(function):
    """(name, kind, default) of a stub function's parameters, as inspect would list them."""
    arguments = function.args
    positional = arguments.posonlyargs + arguments.args
    defaults = [inspect.Parameter.empty] * (len(positional) - len(arguments.defaults)) + [
        ast.literal_eval(default) for default in arguments.defaults]
    parameters = []
    for index, argument in enumerate(positional):
        kind = (inspect.Parameter.POSITIONAL_ONLY if index < len(arguments.posonlyargs)
                else inspect.Parameter.POSITIONAL_OR_KEYWORD)
        parameters.append((argument.arg, kind, defaults[index]))
    if arguments.vararg:
        parameters.append((arguments.vararg.arg, inspect.Parameter.VAR_POSITIONAL,
                           inspect.Parameter.empty))
    for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
        parameters.append((argument.arg, inspect.Parameter.KEYWORD_ONLY,
                           inspect.Parameter.empty if default is None
                           else ast.literal_eval(default)))
    if arguments.kwarg:
        parameters.append((arguments.kwarg.arg, inspect.Parameter.VAR_KEYWORD,
                           inspect.Parameter.empty))
    return parameters


def _cpython_parameters(function):
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return None  # a C function without a text signature: nothing to compare
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


def _signature_pairs():
    """(label, stub function node, CPython function) for the public functions and methods
    (and __init__) that both declare, for the running version."""
    stub = stub_module(RUNNING)
    for name in sorted(stub.public()):
        node = stub.names[name]
        if isinstance(node, ast.FunctionDef) and callable(getattr(threading, name, None)):
            yield name, node, getattr(threading, name)
    for class_name in OWN_CLASSES:
        scope = stub.class_scope(class_name)
        cpython = _cpython_instance(class_name)  # Condition copies acquire from its lock
        for member, node in sorted(scope.names.items()):
            if (isinstance(node, ast.FunctionDef) and (member == "__init__" or not
                    member.startswith("_")) and not any(ast.unparse(d) == "property"
                                                       for d in node.decorator_list)):
                if member == "__init__" and type(cpython).__init__ is object.__init__:
                    continue  # a C class whose __new__ takes the arguments: no signature
                yield f"{class_name}.{member}", node, getattr(cpython, member)


def test_signatures_are_cpythons():
    """Parameter names, kinds and defaults, wherever CPython's function has a signature."""
    compared, mismatches = 0, []
    for label, node, cpython in _signature_pairs():
        theirs = _cpython_parameters(cpython)
        if theirs is None:
            continue
        ours = _stub_parameters(node)
        theirs = [parameter for parameter in theirs if parameter[0] != "self"]
        ours = [parameter for parameter in ours if parameter[0] != "self"]
        compared += 1
        if ours != theirs:
            mismatches.append(f"{label}: stub {ours}, CPython {theirs}")
    assert not mismatches, "\n".join(mismatches)
    assert compared >= 20  # most of the API is written in Python in CPython


def test_correct_use_runs():
    """The sample mypy accepts also runs under jthreading: the stub claims nothing false there."""
    if RUNNING < (3, 11):
        pytest.importorskip("typing_extensions")  # assert_type (mypy installs it)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # it calls the deprecated aliases
        runpy.run_path(str(CASES / "correct_use.py"), run_name="typing_cases_correct_use")


def test_correct_use_uses_every_public_name():
    tree = ast.parse((CASES / "correct_use.py").read_text())
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    used |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    for version in SUPPORTED_VERSIONS:
        unused = stub_module(version).public() - used
        assert not unused, f"correct_use.py never uses {sorted(unused)}"


# -- mypy over the samples ---------------------------------------------------------------------

def _python():
    """A python that can run mypy: the venv's (sys.executable under the launcher)."""
    candidates = [Path(sys.executable)] if sys.executable else []
    candidates += [Path(sys.prefix) / "bin" / "python3", Path(sys.prefix) / "bin" / "python"]
    for candidate in candidates:
        if candidate.name.startswith("python") and candidate.is_file():
            return str(candidate)
    pytest.fail(f"no python executable to run mypy with (tried {candidates})")


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("mypy-cache")


def run_mypy(files, version, cache, *, source_stub=True):
    """mypy --strict over ``files`` (in typing_cases/) for ``version``: {(file, line): [message]}.

    With ``source_stub``, the stub comes from the source tree (MYPYPATH); without, from the
    installed jthreading package, found as a PEP 561 package (py.typed)."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("MYPYPATH", "MYPY_FORCE_COLOR")}
    if source_stub:
        environment["MYPYPATH"] = str(SOURCE)
    cache = cache / ("source" if source_stub else "installed")
    command = [_python(), "-m", "mypy",
               "--config-file=",  # an empty name: read no configuration file
               "--strict", "--python-version", version_text(version), "--cache-dir", str(cache),
               "--no-error-summary", "--no-color-output", "--show-traceback", *files]
    done = subprocess.run(command, cwd=CASES, env=environment, capture_output=True, text=True,
                          timeout=100)
    assert done.returncode in (0, 1) and not done.stderr, \
        f"mypy failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    errors = collections.defaultdict(list)
    for line in done.stdout.splitlines():
        found = re.match(r"(.+?):(\d+): error: (.*)$", line)
        if found:
            errors[(found[1], int(found[2]))].append(found[3])
        elif ": note: " not in line:
            raise AssertionError(f"unexpected mypy output: {line!r}\n{done.stdout}")
    return errors


_MARKER = re.compile(r"#\s*E(?:\[(<|>=)(\d+)\.(\d+)\])?:\s*(.*?)\s*(?=#\s*E(?:\[[^\]]*\])?:|$)")


def expected_errors(file_name, version):
    """{(file, line): [message]} from the `# E` comments of a sample, for ``version``."""
    expected = collections.defaultdict(list)
    with open(CASES / file_name, "rb") as source:
        for token in tokenize.tokenize(source.readline):
            if token.type != tokenize.COMMENT:
                continue
            for marker in _MARKER.finditer(token.string):
                operator, major, minor, message = marker.groups()
                if operator is not None:
                    bound = (int(major), int(minor))
                    if (tuple(version) < bound) != (operator == "<"):
                        continue
                expected[(file_name, token.start[0])].append(message)
    return expected


def compare(expected, reported):
    """The differences between expected and reported errors, as readable lines."""
    problems = []
    for place in sorted(set(expected) | set(reported)):
        unmatched = list(reported.get(place, []))
        for message in expected.get(place, []):
            match = next((m for m in unmatched if message in m), None)
            if match is None:
                problems.append(f"{place[0]}:{place[1]}: expected, not reported: {message}")
            else:
                unmatched.remove(match)
        for message in unmatched:
            problems.append(f"{place[0]}:{place[1]}: reported, not expected: {message}")
    return problems


SAMPLES = sorted(path.name for path in CASES.glob("*.py"))
WRONG_SAMPLES = [name for name in SAMPLES if name != "correct_use.py"]
OTHER_VERSIONS = [version for version in SUPPORTED_VERSIONS if version != RUNNING]


def _check_samples(version, cache):
    reported = run_mypy(SAMPLES, version, cache)
    expected = collections.defaultdict(list)
    for name in SAMPLES:
        expected.update(expected_errors(name, version))
    problems = compare(expected, reported)
    assert not problems, f"mypy --python-version {version_text(version)}:\n" + "\n".join(problems)


def test_samples_mark_their_errors():
    assert "correct_use.py" in SAMPLES and WRONG_SAMPLES
    for name in WRONG_SAMPLES:
        assert expected_errors(name, RUNNING), f"{name} marks no error"
    assert not expected_errors("correct_use.py", RUNNING)


@needs_mypy
def test_mypy_on_samples_for_the_running_version(mypy_cache):
    _check_samples(RUNNING, mypy_cache)


@needs_mypy
@pytest.mark.parametrize("version", OTHER_VERSIONS, ids=version_text)
def test_mypy_on_samples_for_other_supported_versions(version, mypy_cache):
    _check_samples(version, mypy_cache)


@needs_mypy
def test_mypy_reports_the_issues_examples(mypy_cache):
    """Issue 10's examples, spelled out: mypy rejects each of these calls."""
    reported = run_mypy(["wrong_calls.py"], RUNNING, mypy_cache)
    lines = (CASES / "wrong_calls.py").read_text().splitlines()
    for call in ('ev.wait("soon")', 'Lock().acquire(timeout="x")', 'Semaphore("2")',
                 "Thread(target=1)"):
        number = next(n for n, line in enumerate(lines, 1) if line.startswith(call + "  #"))
        assert any("incompatible type" in m for m in reported[("wrong_calls.py", number)]), call


def test_installed_package_ships_the_stub():
    """What mypy finds when it checks a user's program: the installed package's stub."""
    installed = Path(jthreading.__file__).resolve().parent
    assert (installed / "py.typed").is_file(), f"py.typed is not installed in {installed}"
    assert (installed / "__init__.pyi").is_file(), f"__init__.pyi is not installed in {installed}"
    assert (installed / "__init__.pyi").read_text() == STUB.read_text(), \
        "the installed stub is not the source's: rebuild (mvn package)"


@needs_mypy
def test_mypy_finds_the_installed_stub(mypy_cache):
    """As a user's mypy does: no MYPYPATH, jthreading found through py.typed in site-packages."""
    reported = run_mypy(["correct_use.py", "wrong_calls.py"], RUNNING, mypy_cache,
                        source_stub=False)
    expected = expected_errors("wrong_calls.py", RUNNING)
    problems = compare(expected, reported)
    assert not problems, "\n".join(problems)
