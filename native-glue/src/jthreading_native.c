/*
 * jthreading._native: the native fast path over the state the Java primitives keep in off-heap
 * memory (io.jthreading.internal.OffHeap). Java updates it with sun.misc.Unsafe's atomics, this
 * module with the same hardware atomics, so both see one state.
 *
 * It offers FastMethod (fast_methods.c): the façades' hot methods in C (see
 * docs/design/performance.md), and FastFunction (fast_functions.c): get_ident, current_thread
 * and main_thread from per-thread caches; and (java_peers.c) the façade objects' identity and
 * their creation in C (docs/design/every-operation-fast.md).
 *
 * It also detaches threads that Python started from the JVM when they end
 * (detach_at_thread_exit, below): Jep attaches such a thread on its first Java call and never
 * detaches it; and it spares Java threads attached to Python the full garbage collection Jep runs
 * when their attachment closes (skip_collection_at_close, below).
 */
#define PY_SSIZE_T_CLEAN
#include "jthreading_native.h"
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>

/* load(address) -> int: the 32-bit word at an address, an int or a façade's `_word` (for tests
 * and diagnostics). */
static PyObject *load(PyObject *self, PyObject *address)
{
    int32_t *block = state_address_of(address);   /* a façade's `_word`: no int conversion */
    if (block != NULL) {
        return PyLong_FromLong(__atomic_load_n(block, __ATOMIC_SEQ_CST));
    }
    PyObject *number = PyNumber_Index(address);
    if (number == NULL) {
        return NULL;
    }
    int32_t *word = (int32_t *) PyLong_AsVoidPtr(number);
    Py_DECREF(number);
    if (word == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "load: address 0");
        }
        return NULL;
    }
    return PyLong_FromLong(__atomic_load_n(word, __ATOMIC_SEQ_CST));
}

/*
 * Detaching Python-started threads from the JVM at thread exit.
 *
 * Jep attaches a thread that Python started (threading.Thread, _thread.start_new_thread) to the
 * JVM on its first Java call, as a daemon Java thread (pyembed_get_env: AttachCurrentThreadAsDaemon),
 * and nothing ever detaches it: each such thread leaves a live java.lang.Thread behind, and
 * 10,000 short threads leave 10,000. detach_at_thread_exit() registers the calling thread in a
 * pthread key whose destructor runs when the OS thread ends and detaches it if it is attached.
 *
 * Invariants (why this is safe):
 *  - Only threads that Python started are registered (jthreading._thread_exit wraps the start of
 *    threading.Thread and jthreading's own _thread fallback). A thread Java started, or one
 *    attached with JNI by its host, is never registered by jthreading. Were one registered anyway,
 *    HotSpot has already ended its JavaThread before pthread key destructors run, so GetEnv says
 *    JNI_EDETACHED and nothing is done.
 *  - Never a thread that has a Jep interpreter: Jep caches the JNIEnv of a thread only in the
 *    JepThread of an interpreter opened on it (SharedInterpreter/SubInterpreter, or
 *    Interpreter.attach); everywhere else it asks the VM again (pyembed_get_env). Registration
 *    refuses (returns False) when the calling thread's state holds Jep's "jep" entry. Besides, the
 *    detach happens only when the OS thread is gone: no code can use its JNIEnv any more.
 *  - Only at OS-thread exit, never while the thread runs: the destructor runs after the thread's
 *    start routine returned, i.e. after CPython cleared and deleted the thread's PyThreadState
 *    (which may have called Java, re-attaching if needed), so no Java frame and no Python code is
 *    left on the thread. It takes no GIL and touches no Python object.
 *  - Never detach a thread that is not attached: GetEnv first; JNI_EDETACHED means "do nothing"
 *    (the thread never called Java, or HotSpot detached it already).
 *  - HotSpot supports this pattern: its own thread-pointer pthread key restores itself while
 *    destructors run (restore_thread_pointer in threadLocalStorage_posix.cpp) precisely so that a
 *    JNI library's key destructor can call DetachCurrentThread.
 *  - The JavaVM is found with JNI_GetCreatedJavaVMs through dlsym(RTLD_DEFAULT): this module is
 *    not linked against libjvm (inside Jep, libjvm is already loaded; outside, there is no VM and
 *    registration is a no-op returning False). A VM that was destroyed answers GetEnv with
 *    JNI_EDETACHED.
 *  - Detaching is asynchronous to Python: threading.Thread.join() returns when the thread state
 *    is deleted, slightly before the destructor runs, so the Java thread ends a little later.
 */
typedef jint (JNICALL *created_vms_fn)(JavaVM **, jsize, jsize *);

static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;
static pthread_key_t exit_key;
static int exit_key_error;      /* pthread_key_create's result, read after pthread_once */
static JavaVM *java_vm;          /* set once, read by exiting threads: accessed atomically */

/* Counters for tests and diagnostics (atomic). */
static unsigned long n_registered, n_detached, n_not_attached, n_detach_failed;

JavaVM *the_java_vm(void)
{
    JavaVM *vm = __atomic_load_n(&java_vm, __ATOMIC_ACQUIRE);
    if (vm == NULL) {
        created_vms_fn created_vms = (created_vms_fn) dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
        jsize count = 0;
        if (created_vms != NULL && created_vms(&vm, 1, &count) == JNI_OK && count >= 1) {
            __atomic_store_n(&java_vm, vm, __ATOMIC_RELEASE);
        } else {
            vm = NULL;
        }
    }
    return vm;
}

JNIEnv *attached_env(void)
{
    JavaVM *vm = the_java_vm();
    JNIEnv *env = NULL;
    if (vm == NULL || (*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_6) != JNI_OK) {
        return NULL;
    }
    return env;
}

/* The pthread key destructor: runs on the ending thread, after its start routine returned. */
static void detach_ending_thread(void *registered)
{
    (void) registered;
    JavaVM *vm = __atomic_load_n(&java_vm, __ATOMIC_ACQUIRE);
    JNIEnv *env = NULL;
    if (vm == NULL || (*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_6) != JNI_OK) {
        __atomic_fetch_add(&n_not_attached, 1, __ATOMIC_RELAXED);
        return;                 /* not attached: nothing to detach */
    }
    if ((*vm)->DetachCurrentThread(vm) == JNI_OK) {
        __atomic_fetch_add(&n_detached, 1, __ATOMIC_RELAXED);
    } else {
        __atomic_fetch_add(&n_detach_failed, 1, __ATOMIC_RELAXED);
    }
}

static void create_exit_key(void)
{
    exit_key_error = pthread_key_create(&exit_key, detach_ending_thread);
}

/* Does the calling thread's Python state hold a Jep interpreter (Jep's "jep" capsule)? */
static int has_jep_interpreter(void)
{
    PyObject *dict = PyThreadState_GetDict();   /* borrowed; NULL without raising if none */
    return dict != NULL && PyDict_GetItemString(dict, "jep") != NULL;
}

/* detach_at_thread_exit() -> bool */
static PyObject *detach_at_thread_exit(PyObject *self, PyObject *unused)
{
    if (the_java_vm() == NULL || has_jep_interpreter()) {
        Py_RETURN_FALSE;
    }
    pthread_once(&exit_key_once, create_exit_key);
    if (exit_key_error != 0) {
        errno = exit_key_error;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    if (pthread_getspecific(exit_key) == NULL) {
        /* Any non-NULL value: the destructor runs only for non-NULL values. */
        int error = pthread_setspecific(exit_key, (void *) &exit_key);
        if (error != 0) {
            errno = error;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        __atomic_fetch_add(&n_registered, 1, __ATOMIC_RELAXED);
    }
    Py_RETURN_TRUE;
}

/*
 * attach_named(name, daemon) -> bool: attaches the calling thread (a thread Python started) to
 * the JVM now, as a Java thread with this name and daemon flag, so that Java sees it as Python's
 * threading named it from the first moment (Jep, which would attach it on its first Java call,
 * gives it the JVM's "Thread-N" and makes it a daemon). False if already attached or no VM.
 */
static PyObject *attach_named(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "attach_named(name: str, daemon: bool)");
        return NULL;
    }
    int daemon = PyObject_IsTrue(args[1]);
    const char *name = daemon < 0 ? NULL : PyUnicode_AsUTF8(args[0]);  /* modified UTF-8 without NULs */
    if (name == NULL) {
        return NULL;
    }
    JavaVM *vm = the_java_vm();
    JNIEnv *env = NULL;
    if (vm == NULL || (*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_6) != JNI_EDETACHED) {
        Py_RETURN_FALSE;
    }
    JavaVMAttachArgs attach = {JNI_VERSION_1_6, (char *) name, NULL};
    jint result;
    Py_BEGIN_ALLOW_THREADS      /* attaching takes about 0.1 ms */
    result = daemon ? (*vm)->AttachCurrentThreadAsDaemon(vm, (void **) &env, &attach)
                    : (*vm)->AttachCurrentThread(vm, (void **) &env, &attach);
    Py_END_ALLOW_THREADS
    if (result != JNI_OK) {
        Py_RETURN_FALSE;
    }
    Py_RETURN_TRUE;
}

/* thread_exit_stats() -> (registered, detached, not attached at exit, detach failed) */
static PyObject *thread_exit_stats(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("(kkkk)",
                         __atomic_load_n(&n_registered, __ATOMIC_RELAXED),
                         __atomic_load_n(&n_detached, __ATOMIC_RELAXED),
                         __atomic_load_n(&n_not_attached, __ATOMIC_RELAXED),
                         __atomic_load_n(&n_detach_failed, __ATOMIC_RELAXED));
}

/*
 * Skipping Jep's garbage collection when an attachment closes.
 *
 * io.jthreading.python.PythonRuntime runs Python on a Java thread through a Jep attachment
 * (Interpreter.attach); a jthreading.Thread with a Python target has one for its whole run.
 * Jep 4.3 (4.3.1 and 4.3.2 alike) closes an attachment (pyembed_thread_close) under one hold of the GIL, in this order:
 * it deletes the "jep" capsule from the thread state's dict, drops the globals, runs
 * PyGC_Collect() -- a full collection, 0.7-4 ms depending on the heap, which made starting and
 * joining a jthreading.Thread 10x dearer than a threading.Thread -- and then
 * PyThreadState_Clear(), which clears the thread state's dict first. CPython collects nothing
 * when a thread ends, and PyGC_Collect() returns at once while the collector is disabled.
 *
 * skip_collection_at_close(), called first on a fresh attachment, arms two objects:
 *  - the "jep" capsule is replaced by one holding the same pointer under the same (NULL) name,
 *    which is all Jep reads of it, plus a destructor: when close deletes it, the destructor
 *    disables the collector (if it is enabled);
 *  - a ResumeCollection object in the thread state's dict, put there right after the capsule:
 *    when PyThreadState_Clear() frees it, it enables the collector again if the capsule did
 *    disable it.
 * Both run inside close's single GIL hold with no Python code in between (dropping shared
 * globals only decrefs them), so no other thread ever sees the collector disabled; the
 * ResumeCollection is freed before the dict's other values, whose finalizers therefore run with
 * the collector enabled. The two are linked both ways and the second acts only on what the first
 * did: were they freed in the other order, nothing would be disabled and the collection would run
 * as before. The one way to leave the collector disabled would be a close that deletes the
 * capsule and never clears the thread state, which would leak the thread state anyway.
 * CPython 3.13 keeps a thread's threading.local values out of the thread state's dict: they go
 * when PyThreadState_Clear() drops the thread's "sentinel" (threading_local_sentinel), before it
 * clears the dict. So when the capsule disables the collector, the ResumeCollection also takes a
 * reference to that sentinel and drops it after enabling the collector again: the locals go
 * within the same clear, a little later, and their finalizers run with the collector enabled.
 * Re-read pyembed_thread_close on a Jep upgrade: tests-python/test_attachment_close.py fails if
 * the collection comes back or the collector is left disabled.
 */
typedef struct {
    PyObject_HEAD
    PyObject *capsule;  /* the armed "jep" capsule (borrowed: both live in the thread state's
                           dict), NULL once it is freed */
    int paused;         /* the capsule's destructor disabled the collector */
    PyObject *locals_sentinel;  /* 3.13+: the thread's threading.local sentinel, held while
                                   paused (NULL otherwise) */
} ResumeCollection;

static unsigned long n_armed, n_skipped;  /* counters for tests, changed under the GIL */

static void resume_collection_dealloc(PyObject *self)
{
    ResumeCollection *resume = (ResumeCollection *) self;
    if (resume->paused) {
        PyGC_Enable();
    }
    Py_CLEAR(resume->locals_sentinel);  /* after: the thread's locals go, collector enabled */
    if (resume->capsule != NULL) {
        PyCapsule_SetContext(resume->capsule, NULL);  /* freed first: the capsule must do nothing */
    }
    Py_TYPE(self)->tp_free(self);
}

static PyTypeObject ResumeCollectionType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "jthreading._native.ResumeCollection",
    .tp_basicsize = sizeof(ResumeCollection),
    .tp_dealloc = resume_collection_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

/* The armed capsule's destructor: close is deleting it; PyGC_Collect() comes next. */
static void jep_capsule_freed(PyObject *capsule)
{
    ResumeCollection *resume = (ResumeCollection *) PyCapsule_GetContext(capsule);
    if (resume == NULL) {
        return;
    }
    resume->capsule = NULL;
    if (PyGC_Disable()) {       /* it was enabled */
        resume->paused = 1;
        n_skipped++;
#if PY_VERSION_HEX >= 0x030D0000
        resume->locals_sentinel = Py_XNewRef(PyThreadState_Get()->threading_local_sentinel);
#endif
    }
}

/* skip_collection_at_close() -> bool: False (and nothing armed) if the calling thread has no
 * Jep interpreter, one armed already, or a "jep" entry that is not the capsule described above. */
static PyObject *skip_collection_at_close(PyObject *self, PyObject *unused)
{
    PyObject *dict = PyThreadState_GetDict();                               /* borrowed */
    PyObject *jep = dict != NULL ? PyDict_GetItemString(dict, "jep") : NULL;  /* borrowed */
    if (jep == NULL || !PyCapsule_CheckExact(jep) || !PyCapsule_IsValid(jep, NULL)
            || PyCapsule_GetDestructor(jep) == jep_capsule_freed) {
        Py_RETURN_FALSE;
    }
    ResumeCollection *resume = PyObject_New(ResumeCollection, &ResumeCollectionType);
    if (resume == NULL) {
        return NULL;
    }
    resume->capsule = NULL;
    resume->paused = 0;
    resume->locals_sentinel = NULL;
    /* No context yet: were it freed before it is linked, its destructor would do nothing. */
    PyObject *armed = PyCapsule_New(PyCapsule_GetPointer(jep, NULL), NULL, jep_capsule_freed);
    int failed = armed == NULL
            || PyDict_SetItemString(dict, "jthreading.resume_collection", (PyObject *) resume) < 0
            || PyDict_SetItemString(dict, "jep", armed) < 0;  /* frees Jep's plain capsule */
    if (!failed) {
        /* Both live in the dict now: link them. */
        PyCapsule_SetContext(armed, resume);
        resume->capsule = armed;
        n_armed++;
    }
    Py_XDECREF(armed);
    Py_DECREF(resume);
    if (failed) {
        return NULL;
    }
    Py_RETURN_TRUE;
}

/* attachment_close_stats() -> (attachments armed, collections skipped) */
static PyObject *attachment_close_stats(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("(kk)", n_armed, n_skipped);
}

int add_type(PyObject *module, PyTypeObject *type, const char *name)
{
    if (PyType_Ready(type) < 0) {
        return -1;
    }
    Py_INCREF(type);
    if (PyModule_AddObject(module, name, (PyObject *) type) < 0) {
        Py_DECREF(type);
        return -1;
    }
    return 0;
}

/* write_unraisable_in_thread(error, bootstrap): what CPython's thread bootstrap (C) does with an
 * exception escaping a thread's _bootstrap: sys.unraisablehook with "Exception ignored in thread
 * started by" and the bootstrap method. A jthreading.Thread running on a Java thread has no such
 * C frame below it; without this the exception would reach Java and print a Java stack trace. */
static PyObject *write_unraisable_in_thread(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    if (n != 2 || !PyExceptionInstance_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "write_unraisable_in_thread(exception, object)");
        return NULL;
    }
    PyObject *error = args[0];
    PyErr_Restore(Py_NewRef((PyObject *) Py_TYPE(error)), Py_NewRef(error),
                  PyException_GetTraceback(error));
#if PY_VERSION_HEX >= 0x030D0000
    PyErr_FormatUnraisable("Exception ignored in thread started by %R", args[1]);
#else
    _PyErr_WriteUnraisableMsg("in thread started by", args[1]);
#endif
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"load", load, METH_O, "Atomic load of the state word at an address."},
    {"detach_at_thread_exit", detach_at_thread_exit, METH_NOARGS,
     "Detach the calling (Python-started) thread from the JVM when it ends. False if there is no "
     "JVM or the thread has a Jep interpreter (then nothing is registered)."},
    {"attach_named", (PyCFunction) (void (*)(void)) attach_named, METH_FASTCALL,
     "Attach the calling thread to the JVM under a name, as a daemon or not."},
    {"thread_exit_stats", thread_exit_stats, METH_NOARGS,
     "(registered, detached, not attached at exit, detach failed) thread counts."},
    {"skip_collection_at_close", skip_collection_at_close, METH_NOARGS,
     "Spare the calling thread's Jep attachment the full garbage collection of its close."},
    {"attachment_close_stats", attachment_close_stats, METH_NOARGS,
     "(attachments armed, collections skipped) counts."},
    {"write_unraisable_in_thread", (PyCFunction) (void (*)(void)) write_unraisable_in_thread,
     METH_FASTCALL, "Report an exception escaping a thread's bootstrap as CPython's does."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "jthreading._native", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit__native(void)
{
    if (PyType_Ready(&ResumeCollectionType) < 0) {
        return NULL;
    }
    PyObject *created = PyModule_Create(&module);
    if (created != NULL && (add_fast_method_type(created) < 0
                            || add_fast_function_type(created) < 0
                            || add_java_peer_types(created) < 0
                            || add_java_call_type(created) < 0
                            || add_thread_state_functions(created) < 0)) {
        Py_DECREF(created);
        return NULL;
    }
    return created;
}
