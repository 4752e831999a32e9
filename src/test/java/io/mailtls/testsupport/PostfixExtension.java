package io.mailtls.testsupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the one shared {@link PostfixServer} (standard listeners), started on first use and stopped
 * when the whole test run ends. Without Postfix or root the class is skipped, but fails when {@code CI=true}.
 * Use through {@link WithPostfix}; inject with a {@code PostfixServer} parameter.
 */
public final class PostfixExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostfixExtension.class);

    /** The run-wide instance, or why it failed to start (kept, so each class fails fast with the same log). */
    private static final class Shared implements AutoCloseable {
        private final PostfixServer server;
        private final RuntimeException failure;

        Shared() {
            PostfixServer started = null;
            RuntimeException failed = null;
            try {
                started = PostfixServer.startStandard();
            } catch (RuntimeException e) {
                failed = e;
            }
            this.server = started;
            this.failure = failed;
        }

        PostfixServer server() {
            if (failure != null) {
                throw failure;
            }
            return server;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        requireAvailable();
        shared(context).server();
    }

    /** Skips the calling test when this machine cannot run Postfix (not root, not installed); fails on CI. */
    public static void requireAvailable() {
        PostfixServer.unavailableReason().ifPresent(reason -> {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("Postfix integration tests cannot run on CI: " + reason);
            }
            Assumptions.abort("Postfix integration tests skipped: " + reason);
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostfixServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context).server();
    }

    private static Shared shared(ExtensionContext context) {
        // The root store lives for the whole run and closes its AutoCloseable values at the end.
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Shared.class, k -> new Shared(), Shared.class);
    }
}
