/*
 * The OS thread id of every Python thread state, for the thread dump: Python's stacks are keyed
 * by CPython's thread ident (pthread_t), Java's threads by Java id, and the OS thread id is what
 * both sides can name (Java remembers it per thread: io.jthreading.internal.NativeIds).
 *
 * CPython keeps it in the thread state from 3.11 (native_thread_id); on 3.10 the dict is empty
 * and jthreading._dump falls back to the ids threads recorded themselves.
 */
#include "jthreading_native.h"

static PyObject *thread_native_ids(PyObject *module, PyObject *unused)
{
    (void) module;
    (void) unused;
    PyObject *ids = PyDict_New();
    if (ids == NULL) {
        return NULL;
    }
#if PY_VERSION_HEX >= 0x030B0000
    /* The GIL is held: thread states are neither added nor freed while we walk them. */
    PyInterpreterState *interpreter = PyThreadState_GetInterpreter(PyThreadState_Get());
    for (PyThreadState *state = PyInterpreterState_ThreadHead(interpreter); state != NULL;
         state = PyThreadState_Next(state)) {
        PyObject *ident = PyLong_FromUnsignedLong(state->thread_id);
        PyObject *native = PyLong_FromUnsignedLong(state->native_thread_id);
        int failed = ident == NULL || native == NULL || PyDict_SetItem(ids, ident, native) < 0;
        Py_XDECREF(ident);
        Py_XDECREF(native);
        if (failed) {
            Py_DECREF(ids);
            return NULL;
        }
    }
#endif
    return ids;
}

static PyMethodDef functions[] = {
    {"thread_native_ids", thread_native_ids, METH_NOARGS,
     "{CPython thread ident: OS thread id} of every thread state (empty before 3.11)."},
    {NULL, NULL, 0, NULL},
};

int add_thread_state_functions(PyObject *module)
{
    return PyModule_AddFunctions(module, functions);
}
