/* Shared declarations of the jthreading._native module's source files. */
#ifndef JTHREADING_NATIVE_H
#define JTHREADING_NATIVE_H

#include <Python.h>
#include <jni.h>

/* The running JVM (found once with JNI_GetCreatedJavaVMs through dlsym), or NULL. */
JavaVM *the_java_vm(void);

/*
 * The calling thread's Java thread id (Thread.getId(), which is also its jthreading ident), or 0
 * when the thread is not attached to the JVM (then callers take the Java path, which attaches it).
 * Cached per OS thread and Python thread state; call with the GIL held; never raises.
 */
jlong current_java_thread_id(void);

/*
 * The calling thread's Java thread id as current_java_thread_id() last found it, without checking
 * that it is still current (one thread-local read instead of a JNI call): good enough for a hint
 * that is never used to decide ownership, such as a Lock's last acquirer. Asks when never asked.
 */
extern __thread jlong java_thread_id_seen;
static inline jlong java_thread_id_hint(void)
{
    return java_thread_id_seen != 0 ? java_thread_id_seen : current_java_thread_id();
}

/* Readies a static type and adds it to the module under `name`; -1 with an exception. */
int add_type(PyObject *module, PyTypeObject *type, const char *name);

/* Adds the FastMethod type to the module (fast_methods.c). */
int add_fast_method_type(PyObject *module);

/* Adds the FastFunction type to the module (fast_functions.c). */
int add_fast_function_type(PyObject *module);

/* The offset of an object slot (a __slots__ member) of a type or its bases; -1 with TypeError. */
Py_ssize_t slot_offset(PyTypeObject *owner, const char *name);

/* The state block's address held by a façade's `_word` slot (a PeerRef), or NULL (java_peers.c). */
void *state_address_of(PyObject *word);

/* The kinds of state block adopt() links a façade to, in java_peers.c's table order. */
enum block_kind { KIND_LOCK, KIND_EVENT, KIND_RLOCK, KIND_SEMAPHORE, KIND_CONDITION, KIND_BARRIER };

/*
 * The state block of `owner` (whose `_word` slot is at `word_offset`), or NULL: only if that slot
 * holds the PeerRef adopt() made for `owner` itself and for a block of `kind`. A `_word` moved
 * to another object, or an object whose class was reassigned (`obj.__class__ = RLock` on a Lock:
 * Python allows it, the layouts match), gets no block: C must never read one kind's block as
 * another's (java_peers.c).
 */
void *state_block_of(PyObject *owner, Py_ssize_t word_offset, enum block_kind kind);

/* Adds PeerRef, FastNew and adopt() to the module (java_peers.c). */
int add_java_peer_types(PyObject *module);

/* Jep's PyJObject (Jep's pyjobject.h, unchanged from 4.0 to 4.3): checked by java_class_of. */
typedef struct {
    PyObject_HEAD
    jobject object;
    jclass clazz;
} JepObject;

/* The calling thread's JNIEnv, or NULL when it is not attached to the JVM (or there is none). */
JNIEnv *attached_env(void);

/*
 * The Java class of `sample`, an object Jep made, after checking that it has Jep's layout (a
 * borrowed global reference, valid while the sample lives); NULL with TypeError (java_peers.c).
 */
jclass java_class_of(JNIEnv *env, PyObject *sample);

/*
 * Is `type` a Jep object type (a subtype of java.lang.Object's Jep type), whose instances have
 * Jep's layout? 1, 0, or -1 with an exception (java_peers.c).
 */
int is_jep_object_type(PyTypeObject *type);

/* Adds JavaCall to the module (java_calls.c). */
int add_java_call_type(PyObject *module);

/* Adds thread_native_ids() to the module (thread_states.c). */
int add_thread_state_functions(PyObject *module);

#endif
