/*
 * JavaCall: a Java method called through JNI with the GIL held, for methods that never wait
 * (issue 12).
 *
 * Every Jep call releases the GIL around the Java call and takes it back after. With several
 * Python threads busy, the caller then waits its turn for the GIL on every call: four
 * producers and four consumers on a shared queue ran three times slower than CPython's queue,
 * whose puts and gets hold the GIL throughout. A method called through JavaCall must therefore
 * never block, never wait for a monitor or lock another thread may hold while it needs the GIL,
 * and never call Python; SharedQueue.pythonTryPut/pythonTryGet are written for it (tryLock,
 * BUSY instead of waiting).
 *
 *   try_put = JavaCall(sample, "pythonTryPut", "(J)I", SharedQueueType)
 *   try_put(queue, key) -> int | None      (queue: an instance of SharedQueueType)
 *
 * Arguments are Java longs, the result a Java int or long. None means "not called" (a thread the
 * JVM has not met, a Java exception, an argument that is no int): the caller takes the usual way.
 */
#include "jthreading_native.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    PyTypeObject *receiver_type;    /* calls apply to instances of this façade (a Jep type) */
    jclass method_class;            /* global reference: the sample's class, which has the method */
    jmethodID method;
    int nargs;                      /* Java longs */
    char result;                    /* 'I' or 'J' */
    vectorcallfunc vectorcall;
} JavaCall;

#define MAX_ARGUMENTS 4

static PyObject *java_call(PyObject *callable, PyObject *const *args, size_t nargsf,
                           PyObject *kwnames)
{
    JavaCall *call = (JavaCall *) callable;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (kwnames != NULL || nargs != call->nargs + 1
            || !PyObject_TypeCheck(args[0], call->receiver_type)) {
        PyErr_SetString(PyExc_TypeError, "JavaCall: (receiver, *java_longs) expected");
        return NULL;
    }
    jvalue values[MAX_ARGUMENTS];
    for (int i = 0; i < call->nargs; i++) {
        values[i].j = PyLong_AsLongLong(args[i + 1]);
        if (values[i].j == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            Py_RETURN_NONE;
        }
    }
    JNIEnv *env = attached_env();
    if (env == NULL) {
        Py_RETURN_NONE;
    }
    jobject receiver = ((JepObject *) args[0])->object;
    /* JNI's undefined behaviour, not an exception: a receiver made without its Java object
     * (object.__new__), or of another class (`__class__` reassigned: Python allows it between
     * Jep types). The usual way raises for them. */
    if (receiver == NULL || !(*env)->IsInstanceOf(env, receiver, call->method_class)) {
        Py_RETURN_NONE;
    }
    jlong result = call->result == 'I'
            ? (jlong) (*env)->CallIntMethodA(env, receiver, call->method, values)
            : (*env)->CallLongMethodA(env, receiver, call->method, values);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);    /* the usual way raises it properly */
        Py_RETURN_NONE;
    }
    return PyLong_FromLongLong(result);
}

/* JavaCall(sample, name: str, signature: str, receiver_type): sample is an object Jep made of
 * the class that has the method; calls apply to instances of receiver_type. */
static PyObject *java_call_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *sample;
    PyTypeObject *receiver_type;
    const char *name, *signature;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "JavaCall() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "OssO!:JavaCall", &sample, &name, &signature, &PyType_Type,
                          &receiver_type)) {
        return NULL;
    }
    /* "(J...J)I" or "(J...J)J": up to MAX_ARGUMENTS longs. */
    size_t length = strlen(signature);
    int nargs = (int) length - 3;
    int valid = length >= 3 && signature[0] == '(' && signature[length - 2] == ')'
                && (signature[length - 1] == 'I' || signature[length - 1] == 'J')
                && nargs <= MAX_ARGUMENTS;
    for (int i = 0; valid && i < nargs; i++) {
        valid = signature[1 + i] == 'J';
    }
    if (!valid) {
        PyErr_Format(PyExc_ValueError, "JavaCall: unsupported signature %s", signature);
        return NULL;
    }
    if (!PyObject_TypeCheck(sample, receiver_type)) {
        PyErr_SetString(PyExc_TypeError, "JavaCall: the sample is no receiver_type");
        return NULL;
    }
    int jep_layout = is_jep_object_type(receiver_type);   /* calls read receivers as Jep's */
    if (jep_layout <= 0) {
        if (jep_layout == 0) {
            PyErr_SetString(PyExc_TypeError, "JavaCall: receiver_type is no Jep object type");
        }
        return NULL;
    }
    JNIEnv *env = attached_env();
    jclass clazz = java_class_of(env, sample);
    if (clazz == NULL) {
        return NULL;
    }
    jmethodID method = (*env)->GetMethodID(env, clazz, name, signature);
    if (method == NULL) {
        (*env)->ExceptionClear(env);
        PyErr_Format(PyExc_TypeError, "JavaCall: no method %s%s", name, signature);
        return NULL;
    }
    jclass method_class = (*env)->NewGlobalRef(env, clazz);
    JavaCall *call = method_class == NULL ? NULL : PyObject_New(JavaCall, type);
    if (call == NULL) {
        if (method_class != NULL) {
            (*env)->DeleteGlobalRef(env, method_class);
        }
        return PyErr_Occurred() ? NULL : PyErr_NoMemory();
    }
    call->method_class = method_class;
    call->receiver_type = (PyTypeObject *) Py_NewRef(receiver_type);
    call->method = method;      /* valid while the class is loaded: the sample's type holds it */
    call->nargs = nargs;
    call->result = signature[length - 1];
    call->vectorcall = java_call;
    return (PyObject *) call;
}

static void java_call_dealloc(JavaCall *call)
{
    JNIEnv *env = attached_env();
    if (env != NULL) {
        (*env)->DeleteGlobalRef(env, call->method_class);
    }
    Py_XDECREF(call->receiver_type);
    PyObject_Del(call);
}

static PyTypeObject JavaCallType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "jthreading._native.JavaCall",
    .tp_basicsize = sizeof(JavaCall),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_new = java_call_new,
    .tp_dealloc = (destructor) java_call_dealloc,
    .tp_vectorcall_offset = offsetof(JavaCall, vectorcall),
    .tp_call = PyVectorcall_Call,
};

int add_java_call_type(PyObject *module)
{
    return add_type(module, &JavaCallType, "JavaCall");
}
