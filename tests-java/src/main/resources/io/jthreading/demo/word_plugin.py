"""A Python plugin of the PluginHostDemo: consumes the Java host's requests on its own threads.

`host` is the Java PluginHostDemo (set by the host). Everything shared is a jthreading object:
the queue's Condition, the phase Barrier, the stop Event and the request context (a
jthreading.local the host's Java code fills in on this very thread before handing a request).
"""

import jthreading


def make_plugin_thread(name):
    """A jthreading.Thread for the host to start (from Java): its JThread."""
    return jthreading.Thread(target=consume, name=name)._handle


def consume():
    queue, phases, stop = host.queue(), host.phases(), host.stop()
    context = host.context()
    tally = host.tally()
    while not stop.is_set():
        request = queue.take()
        if request.isPhaseEnd():
            phases.wait()  # this phase's work is all taken: meet the others
            continue
        matched = (context.request_id == request.id() and context.producer == request.producer()
                   and context.phase == request.phase()
                   and jthreading.current_thread().name.startswith("python-plugin-"))
        tally.consumed(request, matched)
