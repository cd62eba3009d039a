/*
 * FastFunction: a module function (get_ident, current_thread, main_thread) answered in C from a
 * per-thread cache when it can be, and by its Python version (the "fallback") otherwise.
 *
 *   get_ident = FastFunction("get_ident", <the Python get_ident>, None)
 *   current_thread = FastFunction("cached", <the Python current_thread>, (_this_thread, "thread"))
 *
 * "get_ident" returns the Java thread id C already caches per thread (java_thread_id.c);
 * "cached" reads one attribute of a cache object (a _thread._local, so the value is per Python
 * thread state and goes with it) that the Python version fills. So C holds no state of its own:
 * with the fast path off, the Python version reads and fills the very same cache.
 *
 * Like FastMethod, it takes the fast path only for a call without arguments; every other call
 * goes to the fallback, which raises CPython's TypeError.
 */
#include "jthreading_native.h"
#include <structmember.h>

enum function {
    GET_IDENT,      /* the Java thread id; fallback when the thread is not attached yet */
    CACHED,         /* getattr(cache, name); fallback when it is not set */
};

typedef struct {
    PyObject_HEAD
    enum function function;
    PyObject *fallback;         /* the Python version: fallback(*args, **kwargs) */
    PyObject *cache;            /* CACHED: the object holding the value (else NULL) */
    PyObject *attribute;        /* CACHED: the value's attribute name (str, else NULL) */
    vectorcallfunc vectorcall;
} FastFunction;

/* getattr(obj, name) into *value: 1 found, 0 no such attribute (nothing raised), -1 error. */
static int optional_attribute(PyObject *obj, PyObject *name, PyObject **value)
{
#if PY_VERSION_HEX >= 0x030D0000
    return PyObject_GetOptionalAttr(obj, name, value);
#else
    *value = PyObject_GetAttr(obj, name);
    if (*value != NULL) {
        return 1;
    }
    if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        return 0;
    }
    return -1;
#endif
}

/* The fast answer (a new reference), or NULL without an exception: "ask the fallback". */
static PyObject *try_fast(FastFunction *function)
{
    if (function->function == GET_IDENT) {
        jlong id = current_java_thread_id();
        return id != 0 ? PyLong_FromLongLong(id) : NULL;
    }
    PyObject *value;
    if (optional_attribute(function->cache, function->attribute, &value) < 0) {
        PyErr_Clear();  /* the fallback will meet the same error and raise it */
        return NULL;
    }
    return value;
}

static PyObject *fast_function_call(PyObject *callable, PyObject *const *args, size_t nargsf,
                                    PyObject *kwnames)
{
    FastFunction *function = (FastFunction *) callable;
    if (PyVectorcall_NARGS(nargsf) == 0 && kwnames == NULL) {
        PyObject *result = try_fast(function);
        if (result != NULL || PyErr_Occurred()) {
            return result;
        }
    }
    return PyObject_Vectorcall(function->fallback, args, nargsf, kwnames);
}

/* FastFunction(function: str, fallback: callable, cache: (object, str) | None) */
static PyObject *fast_function_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    const char *name;
    PyObject *fallback;
    PyObject *cache_spec;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "FastFunction() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "sOO:FastFunction", &name, &fallback, &cache_spec)) {
        return NULL;
    }
    enum function which;
    PyObject *cache = NULL;
    PyObject *attribute = NULL;
    if (strcmp(name, "get_ident") == 0 && cache_spec == Py_None) {
        which = GET_IDENT;
    } else if (strcmp(name, "cached") == 0) {
        which = CACHED;
        if (!PyTuple_Check(cache_spec)) {   /* PyArg_ParseTuple would raise SystemError */
            PyErr_SetString(PyExc_TypeError, "FastFunction: the cache is (object, str)");
            return NULL;
        }
        if (!PyArg_ParseTuple(cache_spec, "OU:FastFunction cache", &cache, &attribute)) {
            return NULL;
        }
    } else {
        PyErr_Format(PyExc_ValueError, "unknown function %s (or a cache where none is used)", name);
        return NULL;
    }
    if (!PyCallable_Check(fallback)) {
        PyErr_SetString(PyExc_TypeError, "fallback must be callable");
        return NULL;
    }
    FastFunction *function = PyObject_GC_New(FastFunction, type);
    if (function == NULL) {
        return NULL;
    }
    function->function = which;
    function->fallback = Py_NewRef(fallback);
    function->cache = Py_XNewRef(cache);
    function->attribute = Py_XNewRef(attribute);
    function->vectorcall = fast_function_call;
    PyObject_GC_Track(function);
    return (PyObject *) function;
}

static int fast_function_traverse(FastFunction *function, visitproc visit, void *arg)
{
    Py_VISIT(function->fallback);
    Py_VISIT(function->cache);
    Py_VISIT(function->attribute);
    return 0;
}

static int fast_function_clear(FastFunction *function)
{
    Py_CLEAR(function->fallback);
    Py_CLEAR(function->cache);
    Py_CLEAR(function->attribute);
    return 0;
}

static void fast_function_dealloc(FastFunction *function)
{
    PyObject_GC_UnTrack(function);
    fast_function_clear(function);
    PyObject_GC_Del(function);
}

/* Introspection is the fallback's: name, module, doc, signature (through __wrapped__). */
static PyObject *fast_function_getattro(FastFunction *function, PyObject *name)
{
    static const char *const fallbacks_own[] = {"__name__", "__qualname__", "__module__",
                                                "__doc__", NULL};
    for (const char *const *own = fallbacks_own; *own != NULL; own++) {
        if (PyUnicode_CompareWithASCIIString(name, *own) == 0) {
            return PyObject_GetAttr(function->fallback, name);
        }
    }
    PyObject *found = PyObject_GenericGetAttr((PyObject *) function, name);
    if (found != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError)) {
        return found;
    }
    PyErr_Clear();
    return PyObject_GetAttr(function->fallback, name);
}

static PyObject *fast_function_repr(FastFunction *function)
{
    return PyObject_Repr(function->fallback);
}

/* Pickled by name, as a module function is: the fallback's __qualname__ in its __module__. */
static PyObject *fast_function_reduce(FastFunction *function, PyObject *unused)
{
    return PyObject_GetAttrString(function->fallback, "__qualname__");
}

/* A function is a descriptor: a FastFunction stored on a class binds as a method would. */
static PyObject *fast_function_get(PyObject *self, PyObject *instance, PyObject *type)
{
    if (instance == NULL || instance == Py_None) {
        return Py_NewRef(self);
    }
    return PyMethod_New(self, instance);
}

static PyMethodDef fast_function_methods[] = {
    {"__reduce__", (PyCFunction) fast_function_reduce, METH_NOARGS, NULL},
    {NULL},
};

static PyMemberDef fast_function_members[] = {
    {"__wrapped__", T_OBJECT, offsetof(FastFunction, fallback), READONLY,
     "The Python version, called whenever the cache cannot answer."},
    {NULL},
};

static PyTypeObject FastFunctionType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "jthreading._native.FastFunction",
    .tp_basicsize = sizeof(FastFunction),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_new = fast_function_new,
    .tp_dealloc = (destructor) fast_function_dealloc,
    .tp_traverse = (traverseproc) fast_function_traverse,
    .tp_clear = (inquiry) fast_function_clear,
    .tp_vectorcall_offset = offsetof(FastFunction, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_getattro = (getattrofunc) fast_function_getattro,
    .tp_descr_get = fast_function_get,
    .tp_repr = (reprfunc) fast_function_repr,
    .tp_methods = fast_function_methods,
    .tp_members = fast_function_members,
};

int add_fast_function_type(PyObject *module)
{
    return add_type(module, &FastFunctionType, "FastFunction");
}
