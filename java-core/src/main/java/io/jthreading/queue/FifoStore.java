package io.jthreading.queue;

/** First in, first out: a ring buffer ({@code collections.deque}'s role in CPython). */
final class FifoStore extends ItemStore {
    private int head;

    @Override
    void add(Object item) {
        ensureRoom();
        items[slot(count)] = item;
        count++;
    }

    @Override
    Object remove() {
        Object item = items[head];
        items[head] = null;
        head = head + 1 == items.length ? 0 : head + 1;
        count--;
        return item;
    }

    @Override
    Object peek() {
        return items[head];
    }

    @Override
    Object get(int index) {
        return items[slot(index)];
    }

    @Override
    void set(int index, Object item) {
        items[slot(index)] = item;
    }

    @Override
    void removeAt(int index) {
        for (int i = index; i < count - 1; i++) {
            set(i, get(i + 1));
        }
        set(count - 1, null);
        count--;
    }

    @Override
    protected Object[] grown(int capacity) {
        Object[] bigger = new Object[capacity];
        for (int i = 0; i < count; i++) {
            bigger[i] = get(i);
        }
        head = 0;
        return bigger;
    }

    private int slot(int index) {
        int slot = head + index;
        return slot >= items.length ? slot - items.length : slot;
    }
}
