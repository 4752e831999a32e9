package io.mailtls.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A writer whose text a test can wait for, without sleeping. */
public final class WaitingWriter extends Writer {
    private final StringBuilder text = new StringBuilder();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    @Override
    public void write(char[] buffer, int offset, int length) {
        lock.lock();
        try {
            text.append(buffer, offset, length);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public String text() {
        lock.lock();
        try {
            return text.toString();
        } finally {
            lock.unlock();
        }
    }

    public String awaitText(String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        lock.lock();
        try {
            while (text.indexOf(wanted) < 0) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("waiting for '" + wanted + "' in:\n" + text).isPositive();
                changed.awaitNanos(left);
            }
            return text.toString();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
