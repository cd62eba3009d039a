package io.jthreading.queue;

/**
 * A binary min-heap that makes exactly the comparisons and moves of CPython's C {@code heapq}
 * ({@code heappush}, {@code heappop}), so items come out in the same order, ties included, and
 * a comparison that fails leaves the heap as CPython leaves it: {@code heappush} has already
 * appended the item and moved it part of the way up; {@code heappop} has already taken the top
 * item out (it is lost) and put the last item at the top. Only "less than" is asked, as heapq does.
 */
final class HeapStore extends ItemStore {
    private final ItemOrder order;

    HeapStore(ItemOrder order) {
        this.order = order;
    }

    @Override
    void add(Object item) {
        ensureRoom();
        items[count++] = item;
        siftTowardsRoot(0, count - 1);
    }

    @Override
    Object remove() {
        Object last = items[--count];
        items[count] = null;
        if (count == 0) {
            return last;
        }
        Object top = items[0];
        items[0] = last;
        siftTowardsLeaves(0);
        return top;
    }

    @Override
    Object peek() {
        return items[0];
    }

    @Override
    void removeAt(int index) {
        Object last = items[--count];
        items[count] = null;
        if (index == count) {
            return;
        }
        items[index] = last; // heapq's documented recipe for removing an arbitrary entry
        siftTowardsLeaves(index);
        siftTowardsRoot(0, index);
    }

    /** heapq's {@code _siftdown}: the item at {@code pos} moves up while it is less than its parent. */
    private void siftTowardsRoot(int startPos, int pos) {
        while (pos > startPos) {
            int parentPos = (pos - 1) >>> 1;
            if (!order.less(items[pos], items[parentPos])) {
                return;
            }
            swap(pos, parentPos);
            pos = parentPos;
        }
    }

    /**
     * heapq's {@code _siftup}: the smaller child (the right one unless the left is less) moves
     * up until {@code pos} is a leaf, then the item there moves back up ({@code _siftdown}).
     */
    private void siftTowardsLeaves(int pos) {
        int startPos = pos;
        int limit = count >>> 1;
        while (pos < limit) {
            int child = 2 * pos + 1;
            if (child + 1 < count && !order.less(items[child], items[child + 1])) {
                child++;
            }
            swap(pos, child);
            pos = child;
        }
        siftTowardsRoot(startPos, pos);
    }

    private void swap(int i, int j) {
        Object item = items[i];
        items[i] = items[j];
        items[j] = item;
    }
}
