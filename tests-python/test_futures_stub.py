"""Typing of jthreading.futures: its stub (python-package/src/jthreading/futures.pyi) declares
what the module has at runtime, with the same parameters, and the installed package ships it.
mypy checks typing_cases/futures_calls.py with the other samples (test_typing.py)."""

import ast
import inspect
from concurrent.futures import Executor, Future
from pathlib import Path

from jthreading import futures
from test_typing import SOURCE, StubScope, RUNNING, _stub_parameters

STUB = SOURCE / "jthreading" / "futures.pyi"


def stub():
    return StubScope(ast.parse(STUB.read_text(), str(STUB)).body, RUNNING)


def test_the_stub_declares_the_modules_public_names():
    declared = stub()
    assert declared.all == futures.__all__
    assert declared.public() == set(futures.__all__)
    assert all(hasattr(futures, name) for name in declared.public())


def test_the_classes_are_cpythons_futures_and_executors():
    assert issubclass(futures.JavaBackedFuture, Future)
    assert issubclass(futures.JavaExecutor, Executor)
    classes = stub()
    assert [ast.unparse(b) for b in classes.names["JavaBackedFuture"].bases] == ["Future[_T]"]
    assert [ast.unparse(b) for b in classes.names["JavaExecutor"].bases] == ["Executor"]


def test_parameters_are_the_runtimes():
    declared = stub()
    pairs = [(declared.names[name], getattr(futures, name))
             for name in ("to_java", "from_java", "executor_to_java")]
    for cls in ("JavaBackedFuture", "JavaExecutor"):
        pairs.append((declared.class_scope(cls).names["__init__"], getattr(futures, cls).__init__))
    for node, function in pairs:
        runtime = [(p.name, p.kind, p.default)
                   for p in inspect.signature(function).parameters.values() if p.name != "self"]
        ours = [p for p in _stub_parameters(node) if p[0] != "self"]
        assert ours == runtime, node.name


def test_the_installed_package_ships_the_stub():
    installed = Path(futures.__file__).resolve().parent / "futures.pyi"
    assert installed.is_file() and installed.read_text() == STUB.read_text(), \
        "the installed futures.pyi is not the source's: rebuild (mvn package)"
