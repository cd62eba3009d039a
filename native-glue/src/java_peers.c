/*
 * The one Python object of each Java primitive, and making it in C (issue 12).
 *
 * A façade object (jthreading.Lock, RLock, Event, Semaphore, Condition) is a Jep object: Jep's
 * PyJObject layout, a global reference to the Java primitive and one to its class, and the
 * façade's slots. Two things here:
 *
 * PeerRef, adopt(): identity. Each primitive's off-heap state block has a "Python peer" slot
 * (io.jthreading.internal.SharedWord.PYTHON_PEER) that points to a PeerRef: a weak reference to
 * the primitive's one façade object, kept in that object's `_word` slot, which also carries the
 * block's address for FastMethod. When the primitive enters Python again (Jep makes a new
 * PyJObject for it), adopt() finds the façade through the block. Invariants:
 *  - The block lives while the façade does (the façade holds the Java primitive, which owns the
 *    block), so a PeerRef may touch the block while its referent lives, and while it dies: the
 *    weak reference's callback runs before Jep's dealloc drops the global reference.
 *  - block->peer is NULL or a live PeerRef of this block (borrowed). A PeerRef unlinks itself
 *    when its referent dies (the callback) or when it is freed first (`del obj._word`, or both
 *    being cyclic garbage, when CPython calls no callback), whichever comes first, and then
 *    forgets the address: a PeerRef that outlives its façade never touches the block again.
 *  - All of it runs with the GIL held: no two threads adopt or unlink at once.
 *
 * FastNew: `__new__` in C for Lock(), RLock(), Event(), Condition() and Condition(lock). The
 * Jep constructor costs ~0.6 µs even for java.lang.Object (argument matching, the GIL released
 * and taken again) and the weak registry ~0.5 µs more; C calls the Java constructor with JNI,
 * builds the PyJObject exactly as Jep's PyJObject_New does (PyType_GenericAlloc, then global
 * references to the object and its class) and adopts it. The Java object exists from the
 * start: Jep hands a PyJObject to Java as its `object` field, so there is no lazy peer. Every
 * case C does not take (arguments to check, a subclass, a thread the JVM has not met, a Java
 * exception) goes to the Python __new__ ("the fallback"), which does the same through Jep.
 * The layout is checked once against an object Jep made (check_sample).
 */
#include "jthreading_native.h"
#include <structmember.h>

/* The Python peer slot's offset in each kind's state block (Java: the *Sync classes' layouts),
 * in enum block_kind's order. */
static const struct {
    const char *name;
    Py_ssize_t peer_offset;
} kinds[] = {
    {"lock", 8},        /* SharedWord: word, PYTHON_PEER */
    {"event", 8},       /* SharedWord */
    {"rlock", 16},      /* RLockSync: owner, count, peer */
    {"semaphore", 24},  /* SemaphoreSync: permits, waiters, bound, peer */
    {"condition", 16},  /* ConditionState: waiters, lock kind, lock state, peer */
    {"barrier", 8},     /* Barrier's mirror: a SharedWord */
};

_Static_assert(KIND_LOCK == 0 && KIND_EVENT == 1 && KIND_RLOCK == 2 && KIND_SEMAPHORE == 3
               && KIND_CONDITION == 4 && KIND_BARRIER == 5, "enum block_kind follows kinds[]");

/* The kind named `kind` (a str), or -1 with ValueError (TypeError if it is no str). */
static int kind_named(PyObject *kind)
{
    Py_ssize_t length = 0;
    const char *name = PyUnicode_Check(kind) ? PyUnicode_AsUTF8AndSize(kind, &length) : NULL;
    if (name == NULL || (Py_ssize_t) strlen(name) != length) {   /* "lock\0" is no kind */
        if (!PyErr_Occurred()) {
            PyErr_Format(name == NULL ? PyExc_TypeError : PyExc_ValueError, "unknown kind %R",
                         kind);
        }
        return -1;
    }
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strcmp(kinds[i].name, name) == 0) {
            return (int) i;
        }
    }
    PyErr_Format(PyExc_ValueError, "unknown kind %R", kind);
    return -1;
}

/* ---------------------------------------------------------------------------- PeerRef */

typedef struct {
    PyWeakReference ref;
    char *address;              /* the state block; NULL once unlinked */
    Py_ssize_t peer_offset;
    int kind;                   /* the block's enum block_kind */
} PeerRef;

static PyTypeObject PeerRefType;
static PyObject *peer_gone;     /* the weak references' callback (a builtin function) */

static PeerRef **peer_slot(char *address, Py_ssize_t peer_offset)
{
    return (PeerRef **) (address + peer_offset);
}

/* Takes `ref` out of its block, if it is still there; it never touches the block again. */
static void unlink_peer(PeerRef *ref)
{
    if (ref->address != NULL) {
        PeerRef **slot = peer_slot(ref->address, ref->peer_offset);
        if (*slot == ref) {
            *slot = NULL;
        }
        ref->address = NULL;
    }
}

static PyObject *peer_gone_callback(PyObject *module, PyObject *ref)
{
    if (Py_IS_TYPE(ref, &PeerRefType)) {
        unlink_peer((PeerRef *) ref);
    }
    Py_RETURN_NONE;
}

static void peer_ref_dealloc(PyObject *self)
{
    unlink_peer((PeerRef *) self);
    _PyWeakref_RefType.tp_dealloc(self);
}

/* int(obj._word): the state block's address (0 once the façade is gone). */
static PyObject *peer_ref_index(PyObject *self)
{
    return PyLong_FromVoidPtr(((PeerRef *) self)->address);
}

static PyNumberMethods peer_ref_as_number = {
    .nb_int = peer_ref_index,
    .nb_index = peer_ref_index,
};

static PyTypeObject PeerRefType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "jthreading._native.PeerRef",
    .tp_doc = "A façade's weak reference from its primitive's state block; int() gives the "
              "block's address.",
    .tp_basicsize = sizeof(PeerRef),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = peer_ref_dealloc,
    .tp_as_number = &peer_ref_as_number,
};

/* The address a façade's `_word` holds, or NULL (no fast path for this object). */
void *state_address_of(PyObject *word)
{
    if (word != NULL && Py_IS_TYPE(word, &PeerRefType)) {
        return ((PeerRef *) word)->address;
    }
    return NULL;
}

void *state_block_of(PyObject *owner, Py_ssize_t word_offset, enum block_kind kind)
{
    PyObject *word = *(PyObject **) ((char *) owner + word_offset);
    if (word == NULL || !Py_IS_TYPE(word, &PeerRefType)) {
        return NULL;
    }
    PeerRef *ref = (PeerRef *) word;
    /* wr_object is the referent while it lives: the block is alive too (see the top). */
    return ref->ref.wr_object == owner && ref->kind == (int) kind ? ref->address : NULL;
}

/* The referent of a PeerRef (a new reference), or NULL if it is gone. */
static PyObject *referent(PeerRef *ref)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *obj = NULL;
    if (PyWeakref_GetRef((PyObject *) ref, &obj) <= 0) {
        PyErr_Clear();
        return NULL;
    }
    return obj;
#else
    PyObject *obj = PyWeakref_GET_OBJECT(ref);
    if (obj == Py_None || Py_REFCNT(obj) <= 0) {
        return NULL;
    }
    return Py_NewRef(obj);
#endif
}

/*
 * The one façade of the primitive whose block is at `address`: the one the block points to, or
 * else `obj` (a façade object Jep or C just made), which becomes it: its `_word` slot gets a new
 * PeerRef and the block points to that. A new reference.
 */
static PyObject *adopt_into(PyObject *obj, char *address, int kind, Py_ssize_t word_offset)
{
    Py_ssize_t peer_offset = kinds[kind].peer_offset;
    PeerRef **slot = peer_slot(address, peer_offset);
    if (*slot != NULL) {
        PyObject *existing = referent(*slot);
        if (existing != NULL) {
            return existing;
        }
    }
    PyObject *args = PyTuple_Pack(2, obj, peer_gone);
    if (args == NULL) {
        return NULL;
    }
    PeerRef *ref = (PeerRef *) _PyWeakref_RefType.tp_new(&PeerRefType, args, NULL);
    Py_DECREF(args);
    if (ref == NULL) {
        return NULL;
    }
    ref->address = address;
    ref->peer_offset = peer_offset;
    ref->kind = kind;
    PyObject **word = (PyObject **) ((char *) obj + word_offset);
    Py_XSETREF(*word, (PyObject *) ref);     /* the façade owns its PeerRef */
    *slot = ref;                              /* the block borrows it */
    return Py_NewRef(obj);
}

/*
 * adopt(obj, address: int, kind: str) -> the primitive's one façade object
 *
 * Trusted input, like ctypes: `address` must be the state block of obj's Java primitive and
 * `kind` its layout (jthreading._fastpath.adopt passes the Java stateAddress()). Everything else
 * in this module checks what adopt recorded (state_block_of) rather than trusting its caller.
 */
static PyObject *adopt(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "adopt(obj, address: int, kind: str)");
        return NULL;
    }
    char *address = PyLong_AsVoidPtr(args[1]);
    if (address == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "adopt: no state address");
        }
        return NULL;
    }
    int kind = kind_named(args[2]);
    Py_ssize_t word_offset = kind < 0 ? -1 : slot_offset(Py_TYPE(args[0]), "_word");
    if (word_offset < 0) {
        return NULL;
    }
    return adopt_into(args[0], address, kind, word_offset);
}

/* ---------------------------------------------------------------------------- FastNew */

enum constructor { NO_ARGUMENT, CONDITION };

typedef struct {
    PyObject_HEAD
    enum constructor constructor;
    PyTypeObject *facade;       /* instances of exactly this class are made here */
    PyObject *fallback;         /* the Python __new__: fallback(cls, *args, **kwargs) */
    PyObject *default_lock;     /* CONDITION: the FastNew of RLock (Condition()'s lock) */
    PyTypeObject *lock_types[2];/* CONDITION: Lock and RLock, the locks Condition(lock) takes */
    jclass java_class;          /* global reference */
    jmethodID init;             /* ()V, or (Lio/jthreading/ConditionLock;)V */
    jmethodID state_address;    /* ()J */
    int kind;                   /* the made objects' enum block_kind */
    Py_ssize_t word_offset;     /* the façade's `_word` slot */
    Py_ssize_t lock_offset;     /* CONDITION: the façade's `_lock` slot */
    Py_ssize_t lock_word_offsets[2];    /* CONDITION: lock_types' `_word` slots */
    vectorcallfunc vectorcall;
} FastNew;

/*
 * A new façade for a new Java primitive (`lock`: the ConditionLock argument, or NULL), or NULL:
 * with an exception set (Python's MemoryError, say) or, without one, "call the fallback".
 */
static PyObject *make(FastNew *maker, JNIEnv *env, PyObject *lock)
{
    jobject java = lock == NULL
            ? (*env)->NewObject(env, maker->java_class, maker->init)
            : (*env)->NewObject(env, maker->java_class, maker->init, ((JepObject *) lock)->object);
    jlong address = java == NULL ? 0
            : (*env)->CallLongMethod(env, java, maker->state_address);
    if ((*env)->ExceptionCheck(env) || address == 0) {
        (*env)->ExceptionClear(env);    /* the fallback does it again through Jep, and raises */
        if (java != NULL) {
            (*env)->DeleteLocalRef(env, java);
        }
        return NULL;
    }
    JepObject *obj = (JepObject *) PyType_GenericAlloc(maker->facade, 0);
    if (obj != NULL) {
        obj->object = (*env)->NewGlobalRef(env, java);
        obj->clazz = (*env)->NewGlobalRef(env, maker->java_class);
    }
    (*env)->DeleteLocalRef(env, java);
    if (obj == NULL) {
        return NULL;
    }
    if (obj->object == NULL || obj->clazz == NULL) {
        Py_DECREF(obj);
        return PyErr_NoMemory();
    }
    PyObject *made = adopt_into((PyObject *) obj, (char *) (intptr_t) address, maker->kind,
                                maker->word_offset);
    Py_DECREF(obj);
    if (made != NULL && lock != NULL) {
        PyObject **lock_slot = (PyObject **) ((char *) made + maker->lock_offset);
        Py_XSETREF(*lock_slot, Py_NewRef(lock));
    }
    return made;
}

/* A Lock or RLock whose Java object C may pass as the ConditionLock: of one of lock_types, and
 * adopted as a lock or an rlock (an Event whose __class__ was set to Lock is not). */
static int is_fast_lock(FastNew *maker, PyObject *lock)
{
    for (int i = 0; i < 2; i++) {
        if (Py_IS_TYPE(lock, maker->lock_types[i])) {
            Py_ssize_t word = maker->lock_word_offsets[i];
            return state_block_of(lock, word, KIND_LOCK) != NULL
                   || state_block_of(lock, word, KIND_RLOCK) != NULL;
        }
    }
    return 0;
}

static PyObject *fast_new_call(PyObject *callable, PyObject *const *args, size_t nargsf,
                               PyObject *kwnames)
{
    FastNew *maker = (FastNew *) callable;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    JNIEnv *env;
    if (kwnames == NULL && nargs >= 1 && args[0] == (PyObject *) maker->facade
            && (env = attached_env()) != NULL) {
        PyObject *made = NULL;
        if (nargs == 1 && maker->constructor == NO_ARGUMENT) {
            made = make(maker, env, NULL);
        } else if (maker->constructor == CONDITION && nargs <= 2) {
            PyObject *lock = nargs == 2 ? Py_NewRef(args[1]) : NULL;
            if (lock == NULL) {
                PyObject *rlock_class = (PyObject *) ((FastNew *) maker->default_lock)->facade;
                lock = PyObject_Vectorcall(maker->default_lock, &rlock_class, 1, NULL);
            }
            if (lock != NULL && lock != Py_None && is_fast_lock(maker, lock)) {
                made = make(maker, env, lock);
            }
            Py_XDECREF(lock);
        }
        if (made != NULL || PyErr_Occurred()) {
            return made;
        }
    }
    return PyObject_Vectorcall(maker->fallback, args, nargsf, kwnames);
}

/* java.lang.Object's Jep type (a strong reference), asked from Jep once. */
static PyTypeObject *jep_object_type;

int is_jep_object_type(PyTypeObject *type)
{
    if (jep_object_type == NULL) {
        PyObject *jep = PyImport_ImportModule("jep");
        PyObject *java_class = jep == NULL ? NULL
                : PyObject_CallMethod(jep, "findClass", "s", "java.lang.Object");
        PyObject *found = java_class == NULL ? NULL
                : PyObject_GetAttrString(java_class, "__pytype__");
        Py_XDECREF(jep);
        Py_XDECREF(java_class);
        if (found == NULL) {
            return -1;
        }
        if (!PyType_Check(found)
                || ((PyTypeObject *) found)->tp_basicsize < (Py_ssize_t) sizeof(JepObject)) {
            Py_DECREF(found);
            PyErr_SetString(PyExc_TypeError, "Jep's java.lang.Object type is not the one expected");
            return -1;
        }
        jep_object_type = (PyTypeObject *) found;
    }
    return PyType_IsSubtype(type, jep_object_type);
}

jclass java_class_of(JNIEnv *env, PyObject *sample)
{
    JepObject *jep = (JepObject *) sample;
    int jep_layout = is_jep_object_type(Py_TYPE(sample));
    if (jep_layout < 0) {
        return NULL;
    }
    if (env == NULL || !jep_layout || jep->object == NULL || jep->clazz == NULL) {
        PyErr_SetString(PyExc_TypeError, "not a Jep object (or no JVM on this thread)");
        return NULL;
    }
    jclass actual = (*env)->GetObjectClass(env, jep->object);
    int same = actual != NULL && (*env)->IsSameObject(env, actual, jep->clazz);
    if (actual != NULL) {
        (*env)->DeleteLocalRef(env, actual);
    }
    if (!same) {
        PyErr_SetString(PyExc_TypeError, "Jep's object layout is not the one expected");
        return NULL;
    }
    return jep->clazz;
}

/*
 * Checks that `sample` (an object of the façade's Java class that Jep made) has Jep's layout,
 * and takes its class. 0, or -1 with an exception.
 */
static int check_sample(FastNew *maker, JNIEnv *env, PyObject *sample)
{
    if (!PyObject_TypeCheck(sample, maker->facade)) {
        PyErr_SetString(PyExc_TypeError, "FastNew: the sample is not an object of the façade");
        return -1;
    }
    jclass clazz = java_class_of(env, sample);
    if (clazz == NULL) {
        return -1;
    }
    maker->java_class = (*env)->NewGlobalRef(env, clazz);
    return maker->java_class != NULL ? 0 : -1;
}

/*
 * FastNew(kind: str, facade: type, fallback, sample, default_lock=None, lock_types=())
 * kind "lock", "rlock" or "event": a constructor without arguments; "condition": Condition()
 * with default_lock() (the RLock FastNew) and Condition(lock) for a lock of lock_types.
 */
static PyObject *fast_new_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *kind_name;
    PyTypeObject *facade;
    PyObject *fallback, *sample, *default_lock = Py_None, *lock_types = NULL;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "FastNew() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "UO!OO|OO!:FastNew", &kind_name, &PyType_Type, &facade, &fallback,
                          &sample, &default_lock, &PyTuple_Type, &lock_types)) {
        return NULL;
    }
    int condition = PyUnicode_CompareWithASCIIString(kind_name, "condition") == 0;
    if (condition && (!Py_IS_TYPE(default_lock, type) || lock_types == NULL
                      || PyTuple_GET_SIZE(lock_types) != 2)) {
        PyErr_SetString(PyExc_TypeError, "FastNew: a condition needs its default lock's FastNew "
                                         "and the two lock types");
        return NULL;
    }
    JNIEnv *env = attached_env();
    if (env == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "FastNew: this thread is not attached to a JVM");
        return NULL;
    }
    FastNew *maker = PyObject_GC_New(FastNew, type);
    if (maker == NULL) {
        return NULL;
    }
    maker->constructor = condition ? CONDITION : NO_ARGUMENT;
    maker->facade = (PyTypeObject *) Py_NewRef(facade);
    maker->fallback = Py_NewRef(fallback);
    maker->default_lock = condition ? Py_NewRef(default_lock) : NULL;
    maker->lock_types[0] = maker->lock_types[1] = NULL;
    maker->java_class = NULL;
    maker->vectorcall = fast_new_call;
    PyObject_GC_Track(maker);
    if (condition) {
        for (int i = 0; i < 2; i++) {
            PyObject *lock_type = PyTuple_GET_ITEM(lock_types, i);
            if (!PyType_Check(lock_type)) {
                PyErr_SetString(PyExc_TypeError, "FastNew: lock_types holds types");
                goto failed;
            }
            maker->lock_types[i] = (PyTypeObject *) Py_NewRef(lock_type);
        }
    }
    /* kind and facade are trusted to match, as adopt's arguments are (see adopt). */
    maker->kind = kind_named(kind_name);
    if (maker->kind < 0 || (maker->word_offset = slot_offset(facade, "_word")) < 0
            || (maker->lock_offset = condition ? slot_offset(facade, "_lock") : 0) < 0) {
        goto failed;
    }
    for (int i = 0; condition && i < 2; i++) {
        maker->lock_word_offsets[i] = slot_offset(maker->lock_types[i], "_word");
        if (maker->lock_word_offsets[i] < 0) {
            goto failed;
        }
    }
    if (check_sample(maker, env, sample) < 0) {
        goto failed;
    }
    maker->init = (*env)->GetMethodID(env, maker->java_class, "<init>",
                                      condition ? "(Lio/jthreading/ConditionLock;)V" : "()V");
    maker->state_address = (*env)->GetMethodID(env, maker->java_class, "stateAddress", "()J");
    if (maker->init == NULL || maker->state_address == NULL) {
        (*env)->ExceptionClear(env);
        PyErr_Format(PyExc_TypeError, "FastNew: %s has no such constructor or no stateAddress()",
                     facade->tp_name);
        goto failed;
    }
    return (PyObject *) maker;
failed:
    Py_DECREF(maker);
    return NULL;
}

static int fast_new_traverse(FastNew *maker, visitproc visit, void *arg)
{
    Py_VISIT(maker->facade);
    Py_VISIT(maker->fallback);
    Py_VISIT(maker->default_lock);
    Py_VISIT(maker->lock_types[0]);
    Py_VISIT(maker->lock_types[1]);
    return 0;
}

static int fast_new_clear(FastNew *maker)
{
    Py_CLEAR(maker->facade);
    Py_CLEAR(maker->fallback);
    Py_CLEAR(maker->default_lock);
    Py_CLEAR(maker->lock_types[0]);
    Py_CLEAR(maker->lock_types[1]);
    return 0;
}

static void fast_new_dealloc(FastNew *maker)
{
    PyObject_GC_UnTrack(maker);
    fast_new_clear(maker);
    JNIEnv *env = attached_env();
    if (env != NULL && maker->java_class != NULL) {
        (*env)->DeleteGlobalRef(env, maker->java_class);
    }
    PyObject_GC_Del(maker);
}

static PyMemberDef fast_new_members[] = {
    {"__wrapped__", T_OBJECT, offsetof(FastNew, fallback), READONLY,
     "The Python __new__, called whenever C does not make the object."},
    {NULL},
};

static PyTypeObject FastNewType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "jthreading._native.FastNew",
    .tp_basicsize = sizeof(FastNew),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_new = fast_new_new,
    .tp_dealloc = (destructor) fast_new_dealloc,
    .tp_traverse = (traverseproc) fast_new_traverse,
    .tp_clear = (inquiry) fast_new_clear,
    .tp_vectorcall_offset = offsetof(FastNew, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_members = fast_new_members,
};

static PyMethodDef peer_gone_def = {
    "_peer_gone", peer_gone_callback, METH_O, "Unlinks a dead façade's PeerRef from its block.",
};

static PyMethodDef adopt_def = {
    "adopt", (PyCFunction) (void (*)(void)) adopt, METH_FASTCALL,
    "adopt(obj, address, kind): the one façade of the primitive whose state block is at address "
    "(obj, which becomes it, if it has none alive).",
};

int add_java_peer_types(PyObject *module)
{
    PeerRefType.tp_base = &_PyWeakref_RefType;
    PeerRefType.tp_traverse = _PyWeakref_RefType.tp_traverse;  /* no references of its own */
    PeerRefType.tp_clear = _PyWeakref_RefType.tp_clear;
    if (add_type(module, &PeerRefType, "PeerRef") < 0
            || add_type(module, &FastNewType, "FastNew") < 0) {
        return -1;
    }
    peer_gone = PyCFunction_NewEx(&peer_gone_def, NULL, NULL);
    PyObject *adopt_function = PyCFunction_NewEx(&adopt_def, NULL, NULL);
    if (peer_gone == NULL || adopt_function == NULL
            || PyModule_AddObject(module, "adopt", adopt_function) < 0) {
        Py_XDECREF(adopt_function);
        return -1;
    }
    return 0;
}
