package io.jthreading.queue;

/** Last in, first out: a stack whose top is the end of the array (CPython's list). */
final class LifoStore extends ItemStore {
    @Override
    void add(Object item) {
        ensureRoom();
        items[count++] = item;
    }

    @Override
    Object remove() {
        Object item = items[--count];
        items[count] = null;
        return item;
    }

    @Override
    Object peek() {
        return items[count - 1];
    }

    @Override
    void removeAt(int index) {
        System.arraycopy(items, index + 1, items, index, count - index - 1);
        items[--count] = null;
    }

    @Override
    int takeOrderIndex(int n) {
        return count - 1 - n;
    }
}
