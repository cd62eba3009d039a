# mypy: enable-error-code="deprecated"
"""The deprecated aliases are declared deprecated: with mypy's `deprecated` error code enabled,
each line marked `# E: message` must get that error, and no other line any error."""

import jthreading

jthreading.currentThread()  # E: function jthreading.currentThread is deprecated: Deprecated alias (Python 3.10): call current_thread() instead.  [deprecated]
jthreading.activeCount()  # E: function jthreading.activeCount is deprecated: Deprecated alias (Python 3.10): call active_count() instead.  [deprecated]
jthreading.Event().isSet()  # E: function jthreading.Event.isSet is deprecated: Deprecated alias (Python 3.10): call is_set() instead.  [deprecated]
jthreading.Condition().notifyAll()  # E: function jthreading.Condition.notifyAll is deprecated: Deprecated alias (Python 3.10): call notify_all() instead.  [deprecated]
jthreading.Lock().acquire_lock()  # E: function jthreading.Lock.acquire_lock is deprecated: Undocumented old name: call acquire() instead.  [deprecated]
jthreading.Lock().release_lock()  # E: function jthreading.Lock.release_lock is deprecated: Undocumented old name: call release() instead.  [deprecated]
jthreading.Lock().locked_lock()  # E: function jthreading.Lock.locked_lock is deprecated: Undocumented old name: call locked() instead.  [deprecated]
thread = jthreading.Thread()
thread.isDaemon()  # E: function jthreading.Thread.isDaemon is deprecated: Deprecated (Python 3.10): read the daemon attribute instead.  [deprecated]
thread.setDaemon(True)  # E: function jthreading.Thread.setDaemon is deprecated: Deprecated (Python 3.10): assign the daemon attribute instead.  [deprecated]
thread.getName()  # E: function jthreading.Thread.getName is deprecated: Deprecated (Python 3.10): read the name attribute instead.  [deprecated]
thread.setName("name")  # E: function jthreading.Thread.setName is deprecated: Deprecated (Python 3.10): assign the name attribute instead.  [deprecated]

# Their replacements are not.
jthreading.current_thread()
jthreading.active_count()
jthreading.Event().is_set()
jthreading.Condition().notify_all()
thread.daemon = thread.daemon
thread.name = thread.name
