package io.jthreading.stress;

/**
 * A queue item: its producer and that producer's sequence number. A Java object, so it crosses
 * between the languages as itself; {@link #STOP} tells a consumer to end.
 */
public final class Item {
    public static final Item STOP = new Item(-1, -1);

    public final long producer;
    public final long seq;

    public Item(long producer, long seq) {
        this.producer = producer;
        this.seq = seq;
    }

    public static Item of(long producer, long seq) {
        return new Item(producer, seq);
    }

    public boolean isStop() {
        return producer < 0;
    }
}
