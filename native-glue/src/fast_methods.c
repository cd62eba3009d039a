/*
 * FastMethod: a method descriptor that runs a primitive's uncontended transition in C, on the
 * state Java shares (io.jthreading.internal: LockSync's and EventSync's SharedWord, RLockSync's
 * and SemaphoreSync's memory), and calls the façade's Python method (the "fallback") for
 * everything else.
 *
 *   Lock.acquire = FastMethod("lock.acquire", Lock, "acquire", <the Python acquire>)
 *
 * Rules that keep the semantics in one place:
 *  - Fast only for calls whose arguments C need not look at (`with lock:`, `lock.acquire()`,
 *    `__exit__`'s exc_info, the n of a notify that finds no waiter), so C parses nothing: every
 *    other call goes to the fallback, which parses the arguments as CPython does.
 *  - C takes exactly the transitions Java's own fast paths take without touching the wait queue
 *    (see LockSync / RLockSync / SemaphoreSync / EventSync): it never parks, and wakes only by
 *    calling Java (a semaphore release that finds an acquirer may have parked meanwhile).
 *    Whenever the state says that a thread may be parked, or the caller is not the owner, the
 *    fallback (Java) acts.
 *  - The state's address is in the instance's `_word` slot (a PeerRef, java_peers.c: set once,
 *    when the object enters Python); an empty slot means "no fast path for this object".
 *
 * The type behaves like CPython's own method descriptors: Py_TPFLAGS_METHOD_DESCRIPTOR lets
 * `obj.acquire()` call it with self as the first argument, without a bound-method object.
 */
#include "jthreading_native.h"
#include <structmember.h>
#include <stdint.h>

enum operation {
    LOCK_ACQUIRE,       /* UNLOCKED -> LOCKED, else fallback */
    LOCK_RELEASE,       /* LOCKED -> UNLOCKED, else fallback (CONTENDED: Java wakes a waiter) */
    LOCK_EXIT,          /* __exit__(*exc_info): LOCK_RELEASE with any positional arguments */
    LOCK_LOCKED,        /* word != UNLOCKED */
    EVENT_IS_SET,       /* bit 0 of the event's word */
    RLOCK_ACQUIRE,      /* free -> mine (count 1); mine -> count + 1; else fallback */
    RLOCK_RELEASE,      /* mine: count - 1; last level: mine -> free unless contended */
    RLOCK_EXIT,         /* __exit__(*exc_info): RLOCK_RELEASE with any positional arguments */
    SEMAPHORE_ACQUIRE,  /* permits > 0: permits - 1, else fallback */
    SEMAPHORE_RELEASE,  /* nobody waits and within the bound: permits + 1, else fallback */
    SEMAPHORE_EXIT,     /* __exit__(t, v, tb): SEMAPHORE_RELEASE */
    CONDITION_ACQUIRE,  /* acquire() / __enter__(): the condition's lock's own acquire */
    CONDITION_RELEASE,  /* release(): the lock's own release */
    CONDITION_EXIT,     /* __exit__(*exc_info): CONDITION_RELEASE */
    CONDITION_NOTIFY,   /* notify() / notify(n) with no waiter: check ownership, return */
};

#define ANY_POSITIONAL 1000

/* Which acquire(blocking, timeout) arguments an operation parses itself (see parse_acquire). */
enum acquire_arguments {
    NONE,               /* calls with arguments beyond the positional range: fallback */
    LOCK_STYLE,         /* Lock/RLock.acquire(blocking=True, timeout=-1) */
    SEMAPHORE_STYLE,    /* Semaphore.acquire(blocking=True, timeout=None) */
};

/*
 * Each operation's name (for the Python side) and the range of positional arguments it is fast
 * with (calls outside it go to the fallback, which raises CPython's TypeError).
 */
static const struct {
    const char *name;
    enum operation op;
    enum block_kind kind;       /* the state block it works on */
    int min_positional, max_positional;
    enum acquire_arguments acquire_arguments;
} operations[] = {
    {"lock.acquire", LOCK_ACQUIRE, KIND_LOCK, 0, 0, LOCK_STYLE},
    {"lock.release", LOCK_RELEASE, KIND_LOCK, 0, 0},
    {"lock.__exit__", LOCK_EXIT, KIND_LOCK, 0, ANY_POSITIONAL},
    {"lock.locked", LOCK_LOCKED, KIND_LOCK, 0, 0},
    {"event.is_set", EVENT_IS_SET, KIND_EVENT, 0, 0},
    {"rlock.acquire", RLOCK_ACQUIRE, KIND_RLOCK, 0, 0, LOCK_STYLE},
    {"rlock.release", RLOCK_RELEASE, KIND_RLOCK, 0, 0},
    {"rlock.__exit__", RLOCK_EXIT, KIND_RLOCK, 0, ANY_POSITIONAL},
    {"semaphore.acquire", SEMAPHORE_ACQUIRE, KIND_SEMAPHORE, 0, 0, SEMAPHORE_STYLE},
    {"semaphore.release", SEMAPHORE_RELEASE, KIND_SEMAPHORE, 0, 0},
    {"semaphore.__exit__", SEMAPHORE_EXIT, KIND_SEMAPHORE, 3, 3},
    /* the lock's own acquire */
    {"condition.acquire", CONDITION_ACQUIRE, KIND_CONDITION, 0, 0, LOCK_STYLE},
    {"condition.release", CONDITION_RELEASE, KIND_CONDITION, 0, 0},
    /* Python's Condition.__exit__(self, *args): any positional arguments. */
    {"condition.__exit__", CONDITION_EXIT, KIND_CONDITION, 0, ANY_POSITIONAL},
    /* With no waiter, CPython's notify(n=1) never looks at n: whatever n is, nothing happens. */
    {"condition.notify", CONDITION_NOTIFY, KIND_CONDITION, 0, 1},
    {"condition.notify_all", CONDITION_NOTIFY, KIND_CONDITION, 0, 0},
};

/*
 * io.jthreading.internal.LockSync's word values. The int after the word (LockSync.LAST_ACQUIRER)
 * names the last thread that took the lock, for the thread dump and the deadlock finder.
 */
enum { LOCK_UNLOCKED = 0, LOCK_LOCKED_STATE = 1 };

/*
 * io.jthreading.internal.RLockSync's memory: the owner word (0 = free, else
 * javaThreadId << 1 | contended) at offset 0, the recursion count (written only by the owner)
 * at offset 8.
 */
typedef struct {
    int64_t owner;
    int32_t count;
} rlock_state;

_Static_assert(offsetof(rlock_state, owner) == 0 && offsetof(rlock_state, count) == 8,
               "RLockSync's OWNER and COUNT offsets");

#define RLOCK_CONTENDED 1

/*
 * io.jthreading.internal.SemaphoreSync's memory: available permits at 0, the "an acquirer may be
 * parked" flag at 8, the number of holdings Java tracks at 12 (C gives no permit back while it is
 * not 0, so that Java forgets one), the bound (-1: none) at 16.
 */
typedef struct {
    int64_t permits;
    int32_t waiters;
    int32_t tracked;
    int64_t bound;
} semaphore_state;

_Static_assert(offsetof(semaphore_state, permits) == 0 && offsetof(semaphore_state, waiters) == 8
               && offsetof(semaphore_state, tracked) == 12 && offsetof(semaphore_state, bound) == 16,
               "SemaphoreSync's PERMITS, WAITERS, TRACKED and BOUND offsets");

/*
 * io.jthreading.internal.ConditionState: the waiter queue's size (Java writes it under the
 * queue's monitor), the lock's kind and the address of the lock's own state.
 */
typedef struct {
    int32_t waiters;
    int32_t lock_kind;
    void *lock_state;
} condition_state;

enum { CONDITION_OTHER_LOCK = 0, CONDITION_OVER_LOCK = 1, CONDITION_OVER_RLOCK = 2 };

_Static_assert(offsetof(condition_state, waiters) == 0 && offsetof(condition_state, lock_kind) == 4
               && offsetof(condition_state, lock_state) == 8,
               "ConditionState's WAITERS, LOCK_KIND and LOCK_STATE offsets");

typedef struct {
    PyObject_HEAD
    enum operation op;
    enum block_kind kind;
    int min_positional;         /* the positional arguments it is fast with (beyond self) */
    int max_positional;
    enum acquire_arguments acquire_arguments;
    PyTypeObject *owner;        /* the façade class whose instances this method applies to */
    PyObject *name;             /* the attribute's name (str) */
    Py_ssize_t word_offset;     /* offset of the instance's `_word` slot */
    PyObject *fallback;         /* the façade's Python method: fallback(self, *args, **kwargs) */
    vectorcallfunc vectorcall;
} FastMethod;

/*
 * Result of a fast attempt: a new reference; NULL with an exception set; or NOT_TAKEN, meaning
 * "the fast path does not apply: call the fallback".
 */
static char not_taken;
#define NOT_TAKEN ((PyObject *) &not_taken)

/*
 * Result of a fast acquire that found the primitive taken (another owner, no permit): a blocking
 * call goes to the fallback, which parks in Java; a call that only tries (acquire(False),
 * timeout 0) answers False at once, as Java's try would, without entering Java.
 */
static char busy;
#define BUSY ((PyObject *) &busy)

static PyObject *lock_operation(enum operation op, int32_t *word)
{
    int32_t expected;
    switch (op) {
    case LOCK_ACQUIRE:
        expected = LOCK_UNLOCKED;
        if (__atomic_compare_exchange_n(word, &expected, LOCK_LOCKED_STATE, 0,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            __atomic_store_n(word + 1, (int32_t) java_thread_id_hint(), __ATOMIC_RELEASE);
            Py_RETURN_TRUE;
        }
        return BUSY;
    case LOCK_RELEASE:
    case LOCK_EXIT:
        expected = LOCK_LOCKED_STATE;
        if (__atomic_compare_exchange_n(word, &expected, LOCK_UNLOCKED, 0,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            Py_RETURN_NONE;
        }
        return NOT_TAKEN;       /* UNLOCKED: Java raises; CONTENDED: Java wakes a waiter */
    case LOCK_LOCKED:
        return PyBool_FromLong(__atomic_load_n(word, __ATOMIC_SEQ_CST) != LOCK_UNLOCKED);
    case EVENT_IS_SET:
        return PyBool_FromLong(__atomic_load_n(word, __ATOMIC_SEQ_CST) & 1);
    default:
        return NOT_TAKEN;
    }
}

static PyObject *rlock_acquire(rlock_state *state)
{
    jlong me = current_java_thread_id();
    if (me == 0) {
        return NOT_TAKEN;       /* not attached yet: Java attaches the thread */
    }
    int64_t mine = (int64_t) me << 1;
    int64_t seen = __atomic_load_n(&state->owner, __ATOMIC_SEQ_CST);
    if (seen == 0) {
        if (__atomic_compare_exchange_n(&state->owner, &seen, mine, 0,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            __atomic_store_n(&state->count, 1, __ATOMIC_RELEASE);
            Py_RETURN_TRUE;
        }
        return BUSY;            /* another thread took it first */
    }
    if ((seen >> 1) == me) {
        int32_t count = __atomic_load_n(&state->count, __ATOMIC_RELAXED);
        if (count == INT32_MAX) {
            return NOT_TAKEN;   /* Java raises the overflow */
        }
        __atomic_store_n(&state->count, count + 1, __ATOMIC_RELEASE);
        Py_RETURN_TRUE;
    }
    return BUSY;                /* another owner */
}

static PyObject *rlock_release(rlock_state *state)
{
    jlong me = current_java_thread_id();
    int64_t seen = __atomic_load_n(&state->owner, __ATOMIC_SEQ_CST);
    if (me == 0 || (seen >> 1) != me) {
        return NOT_TAKEN;       /* not the owner: Java raises CPython's RuntimeError */
    }
    int32_t count = __atomic_load_n(&state->count, __ATOMIC_RELAXED);
    if (count > 1) {
        __atomic_store_n(&state->count, count - 1, __ATOMIC_RELEASE);
        Py_RETURN_NONE;
    }
    if (count != 1 || (seen & RLOCK_CONTENDED)) {
        return NOT_TAKEN;       /* someone may be parked: Java releases and wakes */
    }
    /*
     * The last level. The count must be 0 before the lock is free (the next owner writes 1 after
     * its CAS); if a waiter marked the word contended meanwhile, the CAS fails and the count is
     * put back — only the owner writes it, and we still own the lock — for Java to release.
     */
    __atomic_store_n(&state->count, 0, __ATOMIC_RELEASE);
    int64_t expected = (int64_t) me << 1;
    if (__atomic_compare_exchange_n(&state->owner, &expected, 0, 0,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        Py_RETURN_NONE;
    }
    __atomic_store_n(&state->count, 1, __ATOMIC_RELEASE);
    return NOT_TAKEN;
}

static PyObject *semaphore_acquire(semaphore_state *state)
{
    int64_t available = __atomic_load_n(&state->permits, __ATOMIC_SEQ_CST);
    while (available > 0) {
        if (__atomic_compare_exchange_n(&state->permits, &available, available - 1, 0,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            Py_RETURN_TRUE;
        }
    }
    return BUSY;                /* no permit */
}

static PyObject *semaphore_release(semaphore_state *state, PyObject *self)
{
    if (__atomic_load_n(&state->waiters, __ATOMIC_SEQ_CST)
        || __atomic_load_n(&state->tracked, __ATOMIC_RELAXED)) {
        return NOT_TAKEN;       /* someone may be parked, or Java tracks a holder: Java releases */
    }
    int64_t available = __atomic_load_n(&state->permits, __ATOMIC_SEQ_CST);
    do {
        if ((state->bound >= 0 && 1 > state->bound - available) || available == INT64_MAX) {
            return NOT_TAKEN;   /* past the bound, or overflow: Java raises CPython's error */
        }
    } while (!__atomic_compare_exchange_n(&state->permits, &available, available + 1, 0,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    /*
     * An acquirer sets the flag and then looks at the permits again before it parks; we added the
     * permit and now look at the flag: one of us sees the other. If it is set now, the acquirer
     * may have missed our permit and parked: Java wakes the queue.
     */
    if (__atomic_load_n(&state->waiters, __ATOMIC_SEQ_CST)) {
        return PyObject_CallMethod(self, "wakeWaiters", NULL);
    }
    Py_RETURN_NONE;
}

/*
 * Does the calling thread own the condition's lock, as CPython's Condition._is_owned says? For
 * an RLock: it is the owner. For a Lock, which has no owner: it is locked (CPython's fallback
 * tries acquire(False)). -1: C cannot tell (a thread Java has not seen yet): ask Java.
 */
static int condition_lock_owned(condition_state *state)
{
    if (state->lock_kind == CONDITION_OVER_LOCK) {
        return __atomic_load_n((int32_t *) state->lock_state, __ATOMIC_SEQ_CST) != LOCK_UNLOCKED;
    }
    jlong me = current_java_thread_id();
    if (me == 0) {
        return -1;
    }
    int64_t owner = __atomic_load_n(&((rlock_state *) state->lock_state)->owner, __ATOMIC_SEQ_CST);
    return (owner >> 1) == me;
}

static PyObject *condition_operation(enum operation op, condition_state *state)
{
    int over_lock = state->lock_kind == CONDITION_OVER_LOCK;
    if (state->lock_kind != CONDITION_OVER_LOCK && state->lock_kind != CONDITION_OVER_RLOCK) {
        return NOT_TAKEN;       /* a lock C does not know */
    }
    switch (op) {
    case CONDITION_ACQUIRE:
        return over_lock ? lock_operation(LOCK_ACQUIRE, (int32_t *) state->lock_state)
                         : rlock_acquire((rlock_state *) state->lock_state);
    case CONDITION_RELEASE:
    case CONDITION_EXIT:
        return over_lock ? lock_operation(LOCK_RELEASE, (int32_t *) state->lock_state)
                         : rlock_release((rlock_state *) state->lock_state);
    case CONDITION_NOTIFY:
        /*
         * A waiter is counted before it releases the lock; we own the lock, so we took it after
         * that release and see the count. Nobody counted: nobody to wake, and Java has nothing
         * to do. Not owned: Java raises CPython's RuntimeError.
         */
        if (condition_lock_owned(state) == 1
                && __atomic_load_n(&state->waiters, __ATOMIC_SEQ_CST) == 0) {
            Py_RETURN_NONE;
        }
        return NOT_TAKEN;
    default:
        return NOT_TAKEN;
    }
}

static PyObject *try_fast(FastMethod *method, PyObject *self)
{
    void *memory = state_block_of(self, method->word_offset, method->kind);
    if (memory == NULL) {
        return NOT_TAKEN;
    }
    switch (method->op) {
    case RLOCK_ACQUIRE:
        return rlock_acquire((rlock_state *) memory);
    case RLOCK_RELEASE:
    case RLOCK_EXIT:
        return rlock_release((rlock_state *) memory);
    case SEMAPHORE_ACQUIRE:
        return semaphore_acquire((semaphore_state *) memory);
    case SEMAPHORE_RELEASE:
    case SEMAPHORE_EXIT:
        return semaphore_release((semaphore_state *) memory, self);
    case CONDITION_ACQUIRE:
    case CONDITION_RELEASE:
    case CONDITION_EXIT:
    case CONDITION_NOTIFY:
        return condition_operation(method->op, (condition_state *) memory);
    default:
        return lock_operation(method->op, (int32_t *) memory);
    }
}

/* What a fast acquire that finds the primitive busy answers. */
enum busy_answer { PARK, FALSE_AT_ONCE };

/*
 * acquire(blocking, timeout) arguments whose meaning is plain, so that C may act on them: 1 and
 * *answer set, or 0: "the fallback parses them" (everything else, every error CPython raises
 * included). Plain: `blocking` absent or exactly True or False; `timeout` absent, or (Semaphore)
 * None, or an exact int or float that CPython accepts without question for that call: -1
 * (Lock: no timeout), 0 (try once), or a positive number of seconds below 10^6 (blocking: C only
 * tries, the fallback waits). Never a conversion that could run Python code or raise.
 */
static int parse_acquire(enum acquire_arguments style, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames, enum busy_answer *answer)
{
    PyObject *blocking = nargs >= 1 ? args[0] : NULL;
    PyObject *timeout = nargs >= 2 ? args[1] : NULL;
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    if (nargs > 2) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < nkw; i++) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, i);
        if (blocking == NULL && PyUnicode_CompareWithASCIIString(name, "blocking") == 0) {
            blocking = args[nargs + i];
        } else if (timeout == NULL && PyUnicode_CompareWithASCIIString(name, "timeout") == 0) {
            timeout = args[nargs + i];
        } else {
            return 0;           /* unknown or repeated: CPython's TypeError */
        }
    }
    if (blocking != NULL && blocking != Py_True && blocking != Py_False) {
        return 0;
    }
    int blocks = blocking != Py_False;
    if (timeout == NULL || (style == SEMAPHORE_STYLE && timeout == Py_None)) {
        *answer = blocks ? PARK : FALSE_AT_ONCE;
        return 1;
    }
    double seconds;
    if (PyFloat_CheckExact(timeout)) {
        seconds = PyFloat_AS_DOUBLE(timeout);
    } else if (PyLong_CheckExact(timeout)) {
        int overflow;
        long value = PyLong_AsLongAndOverflow(timeout, &overflow);
        if (overflow || (value == -1 && PyErr_Occurred())) {
            PyErr_Clear();
            return 0;
        }
        seconds = (double) value;
    } else {
        return 0;
    }
    if (style == LOCK_STYLE && seconds == -1.0) {
        *answer = blocks ? PARK : FALSE_AT_ONCE;    /* -1: no timeout */
        return 1;
    }
    if (!blocks || !(seconds >= 0.0 && seconds < 1e6)) {
        return 0;               /* a timeout on a try, negative, NaN, huge: the fallback decides */
    }
    *answer = seconds == 0.0 ? FALSE_AT_ONCE : PARK;
    return 1;
}

static PyObject *fast_method_call(PyObject *callable, PyObject *const *args, size_t nargsf,
                                  PyObject *kwnames)
{
    FastMethod *method = (FastMethod *) callable;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (nargs < 1) {
        PyErr_Format(PyExc_TypeError, "unbound method %s.%U() needs an argument",
                     method->owner->tp_name, method->name);
        return NULL;
    }
    PyObject *self = args[0];
    if (!PyObject_TypeCheck(self, method->owner)) {
        PyErr_Format(PyExc_TypeError,
                     "descriptor '%U' for '%s' objects doesn't apply to a '%s' object",
                     method->name, method->owner->tp_name, Py_TYPE(self)->tp_name);
        return NULL;
    }
    enum busy_answer answer = PARK;
    int fast = kwnames == NULL && nargs - 1 >= method->min_positional
               && nargs - 1 <= method->max_positional;
    if (!fast && method->acquire_arguments != NONE) {
        fast = parse_acquire(method->acquire_arguments, args + 1, nargs - 1, kwnames, &answer);
    }
    if (fast) {
        PyObject *result = try_fast(method, self);
        if (result == BUSY) {
            result = answer == FALSE_AT_ONCE ? Py_NewRef(Py_False) : NOT_TAKEN;
        }
        if (result != NOT_TAKEN) {
            return result;
        }
    }
    return PyObject_Vectorcall(method->fallback, args, nargsf, kwnames);
}

static PyObject *fast_method_get(PyObject *self, PyObject *instance, PyObject *type)
{
    if (instance == NULL || instance == Py_None) {
        Py_INCREF(self);
        return self;
    }
    return PyMethod_New(self, instance);
}

Py_ssize_t slot_offset(PyTypeObject *owner, const char *name)
{
    /* Through the MRO, as attribute lookup does (tp_dict is NULL for 3.12+'s static builtin
     * types, such as int); a descriptor of one of owner's own bases only. */
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == NULL) {
        return -1;
    }
    PyObject *descriptor = _PyType_Lookup(owner, key);  /* borrowed */
    Py_DECREF(key);
    if (descriptor == NULL || !Py_IS_TYPE(descriptor, &PyMemberDescr_Type)
            || !PyType_IsSubtype(owner, PyDescr_TYPE(descriptor))) {
        PyErr_Format(PyExc_TypeError, "%s has no '%s' slot", owner->tp_name, name);
        return -1;
    }
    PyMemberDef *member = ((PyMemberDescrObject *) descriptor)->d_member;
    if (member->type != T_OBJECT_EX) {
        PyErr_Format(PyExc_TypeError, "%s.%s is not an object slot", owner->tp_name, name);
        return -1;
    }
    return member->offset;
}

/* FastMethod(operation: str, owner: type, name: str, fallback: callable) */
static PyObject *fast_method_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    const char *name;
    PyTypeObject *owner;
    PyObject *attribute;
    PyObject *fallback;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "FastMethod() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "sO!UO:FastMethod", &name, &PyType_Type, &owner, &attribute,
                          &fallback)) {
        return NULL;
    }
    size_t count = sizeof(operations) / sizeof(operations[0]);
    size_t found = 0;
    while (found < count && strcmp(operations[found].name, name) != 0) {
        found++;
    }
    if (found == count) {
        PyErr_Format(PyExc_ValueError, "unknown operation %s", name);
        return NULL;
    }
    if (!PyCallable_Check(fallback)) {
        PyErr_SetString(PyExc_TypeError, "fallback must be callable");
        return NULL;
    }
    Py_ssize_t offset = slot_offset(owner, "_word");
    if (offset < 0) {
        return NULL;
    }
    FastMethod *method = PyObject_GC_New(FastMethod, type);
    if (method == NULL) {
        return NULL;
    }
    method->op = operations[found].op;
    method->kind = operations[found].kind;
    method->acquire_arguments = operations[found].acquire_arguments;
    method->min_positional = operations[found].min_positional;
    method->max_positional = operations[found].max_positional;
    Py_INCREF(owner);
    method->owner = owner;
    Py_INCREF(attribute);
    method->name = attribute;
    method->word_offset = offset;
    Py_INCREF(fallback);
    method->fallback = fallback;
    method->vectorcall = fast_method_call;
    PyObject_GC_Track(method);
    return (PyObject *) method;
}

static int fast_method_traverse(FastMethod *method, visitproc visit, void *arg)
{
    Py_VISIT(method->owner);
    Py_VISIT(method->name);
    Py_VISIT(method->fallback);
    return 0;
}

static int fast_method_clear(FastMethod *method)
{
    Py_CLEAR(method->owner);
    Py_CLEAR(method->name);
    Py_CLEAR(method->fallback);
    return 0;
}

static void fast_method_dealloc(FastMethod *method)
{
    PyObject_GC_UnTrack(method);
    fast_method_clear(method);
    PyObject_GC_Del(method);
}

/* Like CPython's method descriptors: <method 'acquire' of 'jthreading.Lock' objects>. */
static PyObject *fast_method_repr(FastMethod *method)
{
    PyObject *module = PyObject_GetAttrString((PyObject *) method->owner, "__module__");
    if (module == NULL) {
        return NULL;
    }
    PyObject *repr = PyUnicode_FromFormat("<method '%U' of '%S.%s' objects>", method->name,
                                          module, method->owner->tp_name);
    Py_DECREF(module);
    return repr;
}

static PyObject *fast_method_qualname(FastMethod *method, void *unused)
{
    return PyUnicode_FromFormat("%s.%U", method->owner->tp_name, method->name);
}

static PyObject *fast_method_doc(FastMethod *method, void *unused)
{
    return PyObject_GetAttrString(method->fallback, "__doc__");
}

/* Pickled by name, as CPython pickles method descriptors: getattr(owner, name). */
static PyObject *fast_method_reduce(FastMethod *method, PyObject *unused)
{
    PyObject *builtins = PyEval_GetBuiltins();  /* borrowed */
    PyObject *getattr = builtins != NULL ? PyDict_GetItemString(builtins, "getattr") : NULL;
    if (getattr == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "no builtins.getattr");
        return NULL;
    }
    return Py_BuildValue("O(OO)", getattr, (PyObject *) method->owner, method->name);
}

static PyMethodDef fast_method_methods[] = {
    {"__reduce__", (PyCFunction) fast_method_reduce, METH_NOARGS, NULL},
    {NULL},
};

static PyGetSetDef fast_method_getset[] = {
    {"__qualname__", (getter) fast_method_qualname, NULL, NULL, NULL},
    {"__doc__", (getter) fast_method_doc, NULL, NULL, NULL},
    {NULL},
};

static PyMemberDef fast_method_members[] = {
    {"__name__", T_OBJECT, offsetof(FastMethod, name), READONLY, NULL},
    {"__wrapped__", T_OBJECT, offsetof(FastMethod, fallback), READONLY,
     "The façade's Python method, called whenever the fast path does not apply."},
    {"__objclass__", T_OBJECT, offsetof(FastMethod, owner), READONLY, NULL},
    {NULL},
};

static PyTypeObject FastMethodType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "jthreading._native.FastMethod",
    .tp_basicsize = sizeof(FastMethod),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL
                | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_new = fast_method_new,   /* doc: see the top of this file (__doc__ is the fallback's) */
    .tp_dealloc = (destructor) fast_method_dealloc,
    .tp_traverse = (traverseproc) fast_method_traverse,
    .tp_clear = (inquiry) fast_method_clear,
    .tp_vectorcall_offset = offsetof(FastMethod, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_descr_get = fast_method_get,
    .tp_repr = (reprfunc) fast_method_repr,
    .tp_methods = fast_method_methods,
    .tp_getset = fast_method_getset,
    .tp_members = fast_method_members,
};

int add_fast_method_type(PyObject *module)
{
    return add_type(module, &FastMethodType, "FastMethod");
}
