"""CPython's messages for calls with wrong arguments (as PyArg_ParseTupleAndKeywords words them).

Façade methods take ``*extra, **unknown`` after their real parameters and call this only when
either is non-empty, so correct calls pay nothing.
"""


def reject_extra(function, max_args, extra, unknown):
    if extra:
        given = max_args + len(extra)
        raise TypeError(f"{function}() takes at most {max_args} arguments ({given} given)")
    for keyword in unknown:
        raise TypeError(f"'{keyword}' is an invalid keyword argument for {function}()")
