/*
 * The calling thread's Java thread id, as C needs it to compare an RLock's owner with the
 * caller without entering Java.
 *
 * Java's Thread.getId() is unique for the JVM's lifetime and is jthreading's ident, so C and
 * Java name the owner the same way. Asking Java costs two JNI calls (~0.1 µs), more than the
 * lock operation itself, so the answer is cached per OS thread, keyed by the JNIEnv and the
 * Python thread state it was read under. Neither key alone is enough: HotSpot may give a new
 * attachment of the OS thread the same JNIEnv address, and virtual threads (JDK 21+) share their
 * carrier's JNIEnv; but each Jep attachment (Interpreter.attach, one per jthreading.Thread or
 * PythonRuntime call) has a thread state of its own, and thread-state ids are never reused.
 *
 * Not covered: code that detaches a thread from the JVM with JNI and attaches it again while
 * the same Python thread state lives on (jthreading detaches threads only when they end; Jep
 * never does). The RLock fast path would then name the thread by its former Java id.
 */
#include "jthreading_native.h"

static jclass thread_class;          /* global reference to java.lang.Thread */
static jmethodID current_thread;     /* static Thread currentThread() */
static jmethodID get_id;             /* long getId() */

static __thread JNIEnv *cached_env;
static __thread uint64_t cached_thread_state;  /* PyThreadState_GetID: never 0 */
static __thread jlong cached_id;
__thread jlong java_thread_id_seen;  /* see java_thread_id_hint */

/* Looks up java.lang.Thread's methods once (idempotent; races only redo the same work). */
static int resolve_thread_methods(JNIEnv *env)
{
    if (__atomic_load_n(&get_id, __ATOMIC_ACQUIRE) != NULL) {
        return 1;
    }
    jclass local = (*env)->FindClass(env, "java/lang/Thread");
    if (local == NULL) {
        (*env)->ExceptionClear(env);
        return 0;
    }
    jclass global = (*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    jmethodID current = (*env)->GetStaticMethodID(env, global, "currentThread", "()Ljava/lang/Thread;");
    jmethodID id = (*env)->GetMethodID(env, global, "getId", "()J");
    if (global == NULL || current == NULL || id == NULL) {
        (*env)->ExceptionClear(env);
        return 0;
    }
    thread_class = global;
    current_thread = current;
    __atomic_store_n(&get_id, id, __ATOMIC_RELEASE);
    return 1;
}

jlong current_java_thread_id(void)
{
    JNIEnv *env = attached_env();
    if (env == NULL) {
        return 0;
    }
    uint64_t thread_state = PyThreadState_GetID(PyThreadState_Get());  /* the GIL is held */
    if (env == cached_env && thread_state == cached_thread_state) {
        return cached_id;
    }
    if (!resolve_thread_methods(env)) {
        return 0;
    }
    jobject thread = (*env)->CallStaticObjectMethod(env, thread_class, current_thread);
    jlong id = thread == NULL ? 0 : (*env)->CallLongMethod(env, thread, get_id);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);
        id = 0;
    }
    if (thread != NULL) {
        (*env)->DeleteLocalRef(env, thread);
    }
    if (id != 0) {
        cached_env = env;
        cached_thread_state = thread_state;
        cached_id = id;
        java_thread_id_seen = id;
    }
    return id;
}
