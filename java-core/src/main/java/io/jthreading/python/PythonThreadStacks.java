package io.jthreading.python;

import java.util.ArrayList;
import java.util.List;

import io.jthreading.PythonStacks;

/**
 * Python's stacks for {@link io.jthreading.Threads#dump}: asks jthreading's Python side
 * ({@code jthreading._dump.python_stacks}) through an attached interpreter and converts the
 * nested lists Jep hands back.
 */
final class PythonThreadStacks implements PythonStacks {
    @Override
    public List<Stack> snapshot() {
        Object answer = PythonRuntime.call(python -> python.invoke("__jthreading_python_stacks__"));
        List<Stack> stacks = new ArrayList<>();
        for (Object entry : (List<?>) answer) {
            List<?> fields = (List<?>) entry; // [native id, ident, name, [[text, entered], ...]]
            List<Frame> frames = new ArrayList<>();
            for (Object frame : (List<?>) fields.get(3)) {
                List<?> parts = (List<?>) frame;
                frames.add(new Frame((String) parts.get(0), Boolean.TRUE.equals(parts.get(1))));
            }
            stacks.add(new Stack(((Number) fields.get(0)).longValue(),
                    ((Number) fields.get(1)).longValue(), (String) fields.get(2), frames));
        }
        return stacks;
    }
}
