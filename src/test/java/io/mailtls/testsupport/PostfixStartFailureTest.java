package io.mailtls.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Postfix that refuses to start must fail the test with Postfix's own words, not a bare timeout. */
@Tag("postfix")
class PostfixStartFailureTest {
    @TempDir
    Path dir;

    @BeforeEach
    void requirePostfix() throws Exception {
        PostfixExtension.requireAvailable();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void refusalCarriesTheMaillogTail() throws Exception {
        Path base = dir.resolve("instance");
        Files.createDirectories(base);
        // Postfix needs its data directory for master.lock; a plain file in its place is a fatal error.
        Files.writeString(base.resolve("data"), "not a directory");
        TestPki pki = TestPki.create(dir.resolve("pki"));
        List<Listener> listeners = List.of(Listener.named("good").tls(pki.leaf(TestPki.Kind.GOOD).chainFile()));

        assertThatThrownBy(() -> PostfixServer.start(base, pki, listeners).close())
                .isInstanceOf(PostfixStartException.class)
                .hasMessageContaining("Postfix refused to start")
                .hasMessageContaining("maillog (tail)")
                .hasMessageContaining(base.resolve("data").toString());
        assertThat(Files.readString(base.resolve("maillog"))).contains("fatal");
    }
}
