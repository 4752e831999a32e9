package io.mailtls.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the private instance's {@code main.cf} and {@code master.cf} from the templates in resources/postfix. */
final class PostfixConfig {
    private PostfixConfig() {
    }

    /** Writes both files into configDirectory; listener i gets ports.get(i). */
    static void write(Path configDirectory, Path base, List<Listener> listeners, List<Integer> ports) {
        if (listeners.size() != ports.size()) {
            throw new IllegalArgumentException(listeners.size() + " listeners but " + ports.size() + " ports");
        }
        // Postfix splits parameter values at whitespace; a base path with one would break every setting.
        if (base.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the instance directory must not contain whitespace: " + base);
        }
        StringBuilder master = new StringBuilder(template("master.cf"));
        for (int i = 0; i < listeners.size(); i++) {
            master.append(listeners.get(i).masterCfEntry(ports.get(i)));
        }
        try {
            Files.writeString(configDirectory.resolve("main.cf"), template("main.cf").replace("@BASE@", base.toString()));
            Files.writeString(configDirectory.resolve("master.cf"), master);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Postfix configuration to " + configDirectory, e);
        }
    }

    private static String template(String name) {
        try (InputStream in = PostfixConfig.class.getResourceAsStream("/postfix/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource postfix/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
