/*
 * jthreading._native: the native fast path over the state words the Java primitives keep in
 * off-heap memory (io.jthreading.internal.SharedWord). Java updates a word with VarHandle
 * atomics, this module with the same hardware atomics, so both see one state.
 *
 * For now it offers the word primitives (address, load, compare-and-swap); the Python façade
 * uses them only where no Java call is needed for correctness (see docs/design/native-fast-path.md).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* word_address(buffer) -> int: the address of a 4-byte, 4-aligned writable buffer. */
static PyObject *word_address(PyObject *self, PyObject *buffer)
{
    Py_buffer view;
    if (PyObject_GetBuffer(buffer, &view, PyBUF_WRITABLE) < 0) {
        return NULL;
    }
    void *address = view.buf;
    Py_ssize_t length = view.len;
    PyBuffer_Release(&view);
    if (length < (Py_ssize_t) sizeof(int32_t) || ((uintptr_t) address % sizeof(int32_t)) != 0) {
        PyErr_SetString(PyExc_ValueError, "state word must be 4 bytes, 4-aligned");
        return NULL;
    }
    /* The buffer is a Java direct ByteBuffer: its memory never moves while the primitive lives. */
    return PyLong_FromVoidPtr(address);
}

static int32_t *word_at(PyObject *address)
{
    return (int32_t *) PyLong_AsVoidPtr(address);
}

/* load(address) -> int */
static PyObject *load(PyObject *self, PyObject *address)
{
    int32_t *word = word_at(address);
    if (word == NULL && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong(__atomic_load_n(word, __ATOMIC_SEQ_CST));
}

/* compare_and_set(address, expected, update) -> bool */
static PyObject *compare_and_set(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "compare_and_set(address, expected, update)");
        return NULL;
    }
    int32_t *word = word_at(args[0]);
    long expected = PyLong_AsLong(args[1]);
    long update = PyLong_AsLong(args[2]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    int32_t seen = (int32_t) expected;
    int done = __atomic_compare_exchange_n(word, &seen, (int32_t) update, 0,
                                           __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return PyBool_FromLong(done);
}

static PyMethodDef methods[] = {
    {"word_address", word_address, METH_O, "Address of a state word's memory."},
    {"load", load, METH_O, "Atomic load of the state word at an address."},
    {"compare_and_set", (PyCFunction) (void (*)(void)) compare_and_set, METH_FASTCALL,
     "Atomic compare-and-swap of the state word at an address."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "jthreading._native", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit__native(void)
{
    return PyModule_Create(&module);
}
