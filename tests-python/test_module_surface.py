"""jthreading's public surface is the running CPython's threading's (3.10 to 3.13 differ)."""

import threading

import jthreading


def test_star_import_gives_exactly_cpythons_all():
    # __all__ is taken from the running threading; what this checks is that every one of those
    # names exists in jthreading (a missing one fails the import) and nothing else comes along.
    namespace = {}
    exec("from jthreading import *", namespace)
    assert jthreading.__all__ == threading.__all__
    assert set(namespace) - {"__builtins__"} == set(threading.__all__)


def test_dir_covers_cpythons_all():
    assert set(threading.__all__) <= set(dir(jthreading))


def test_every_public_name_is_the_right_kind():
    for name in threading.__all__:
        ours, theirs = getattr(jthreading, name), getattr(threading, name)
        assert callable(ours) == callable(theirs), name


def test_shared_exception_types_are_cpythons():
    assert jthreading.ThreadError is RuntimeError
    assert jthreading.BrokenBarrierError is threading.BrokenBarrierError
    assert jthreading.ExceptHookArgs is threading.ExceptHookArgs
    assert jthreading.TIMEOUT_MAX == threading.TIMEOUT_MAX


def test_private_names_cpython_code_relies_on():
    assert jthreading.__excepthook__ is jthreading.excepthook
