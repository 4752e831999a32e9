package io.mailtls.tls.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-server connection gate: its limit, its priorities and its cancellation. */
class ConnectionGateTest {

    @Test
    void neverHandsOutMoreSlotsThanItHas() throws Exception {
        ConnectionGate gate = new ConnectionGate(2);
        assertThat(gate.acquire(ConnectionGate.Priority.CHAIN, 1_000)).isTrue();
        assertThat(gate.acquire(ConnectionGate.Priority.ONE_OFF, 1_000)).isTrue();
        assertThat(gate.acquire(ConnectionGate.Priority.CHAIN, 20)).isFalse();
        gate.release();
        assertThat(gate.acquire(ConnectionGate.Priority.CHAIN, 1_000)).isTrue();
        assertThatThrownBy(() -> new ConnectionGate(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOwnersSlotCountsAgainstTheLimit() throws Exception {
        ConnectionGate gate = new ConnectionGate(1);
        gate.acquireForOwner();
        assertThat(gate.acquire(ConnectionGate.Priority.CHAIN, 20)).isFalse();
        gate.release();
        assertThat(gate.acquire(ConnectionGate.Priority.CHAIN, 1_000)).isTrue();
    }

    @Test
    void chainsGoBeforeOneOffsAndEachKindInArrivalOrder() throws Exception {
        ConnectionGate gate = new ConnectionGate(1);
        gate.acquireForOwner();
        List<String> order = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> waiters = new ArrayList<>();
        for (String name : List.of("one-off 1", "chain 1", "one-off 2", "chain 2")) {
            ConnectionGate.Priority p = name.startsWith("chain") ? ConnectionGate.Priority.CHAIN
                    : ConnectionGate.Priority.ONE_OFF;
            waiters.add(CompletableFuture.runAsync(() -> {
                try {
                    if (gate.acquire(p, 10_000)) {
                        order.add(name);
                        gate.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, r -> Thread.ofVirtual().start(r)));
            awaitQueued(gate, waiters.size()); // so that arrival order is the loop's order
        }
        gate.release(); // the owner's slot: now they go one at a time
        CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("chain 1", "chain 2", "one-off 1", "one-off 2");
    }

    @Test
    void cancellingWakesWaitersAndPausesAndRefusesNewSlots() throws Exception {
        ConnectionGate gate = new ConnectionGate(1);
        gate.acquireForOwner();
        var waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.acquire(ConnectionGate.Priority.CHAIN, 60_000);
            } catch (InterruptedException e) {
                return null;
            }
        }, r -> Thread.ofVirtual().start(r));
        var sleeper = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.pause(60_000);
            } catch (InterruptedException e) {
                return null;
            }
        }, r -> Thread.ofVirtual().start(r));
        awaitQueued(gate, 1);
        gate.cancel("no STARTTLS");
        gate.cancel("a later reason");
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(sleeper.get(10, TimeUnit.SECONDS)).isFalse();
        gate.release();
        assertThat(gate.acquire(ConnectionGate.Priority.CHAIN, 1_000)).isFalse();
        assertThat(gate.cancelled()).contains("no STARTTLS");
        assertThat(gate.pause(0)).isFalse();
    }

    @Test
    void anUncancelledPauseLastsItsTime() throws Exception {
        ConnectionGate gate = new ConnectionGate(1);
        long start = System.nanoTime();
        assertThat(gate.pause(30)).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        assertThat(gate.cancelled()).isEmpty();
    }

    private static void awaitQueued(ConnectionGate gate, int n) {
        while (gate.waiting() < n) {
            Thread.onSpinWait();
            Thread.yield(); // lets the waiters' threads run until they are queued
        }
    }
}
