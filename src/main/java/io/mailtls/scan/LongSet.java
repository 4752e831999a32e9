package io.mailtls.scan;

/**
 * A set of 64-bit keys in one array (open addressing, linear probing): 8 to 16 bytes per key, so the targets a
 * scan has seen cost little memory however long its input is.
 */
final class LongSet {
    private static final long EMPTY = 0L;
    private long[] slots = new long[1 << 10];
    private int size;

    /** Adds {@code key}; false when it was already present. */
    boolean add(long key) {
        long k = key == EMPTY ? 1L : key; // 0 marks a free slot; folding it into 1 costs one more collision
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = spread(k) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == k) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = k;
        size++;
        return true;
    }

    /** True when {@code key} is present. */
    boolean contains(long key) {
        long k = key == EMPTY ? 1L : key;
        int mask = slots.length - 1;
        int i = spread(k) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == k) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long k : old) {
            if (k != EMPTY) {
                add(k);
            }
        }
    }

    private static int spread(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
