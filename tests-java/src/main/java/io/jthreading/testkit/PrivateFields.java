package io.jthreading.testkit;

import java.lang.reflect.Field;

/**
 * Reads a private field, for Python tests that need an object's internals (Jep cannot call
 * java.lang.Class's instance methods: a Class enters Python as Jep's PyJClass). Example:
 * test_distributed_api.py reaches a Coordinator's Curator client to expire its ZooKeeper session
 * with ZooKeeper's own test hook. Tests only.
 */
public final class PrivateFields {
    private PrivateFields() {
    }

    /** The value of the field {@code name} declared by {@code target}'s class or a superclass. */
    public static Object read(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException notHere) {
                // declared higher up, if anywhere
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }
}
