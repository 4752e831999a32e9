package io.mailtls.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input lines: what is a target, what is skipped, what is merged, and what is kept as an invalid line. */
class TargetInputTest {
    static List<ScanItem> items(byte[] input) throws IOException {
        TargetInput in = new TargetInput(new ByteArrayInputStream(input));
        List<ScanItem> out = new ArrayList<>();
        ScanItem i;
        while ((i = in.next()) != null) {
            out.add(i);
        }
        return out;
    }

    static List<ScanItem> items(String input) throws IOException {
        return items(input.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void skipsBlanksAndCommentsAndStripsTrailingComments() throws IOException {
        List<ScanItem> items = items("# a list\n\n   \nexample.org\r\n  mx.example.net:2525   # staging\n\t# indented\nlast.example");

        assertThat(items).extracting(ScanItem::text).containsExactly("example.org", "mx.example.net:2525", "last.example");
        assertThat(items).allMatch(i -> i instanceof ScanItem.Check);
        assertThat(TargetInput.count(new ByteArrayInputStream(
                "# a list\n\n   \nexample.org\r\n  mx.example.net:2525   # staging\n\t# x\nlast.example".getBytes())))
                .isEqualTo(3);
    }

    @Test
    void badLinesBecomeInvalidItemsWithTheLineNumber() throws IOException {
        List<ScanItem> items = items("example.org\nnot a target!\n127.0.0.1:99999\nsmtpx://host\n");

        assertThat(items).hasSize(4);
        assertThat(items.subList(1, 4)).allMatch(i -> i instanceof ScanItem.Invalid);
        assertThat(((ScanItem.Invalid) items.get(1)).reason()).startsWith("line 2: ");
        assertThat(((ScanItem.Invalid) items.get(2)).reason()).contains("99999");
        assertThat(items.get(3).text()).isEqualTo("smtpx://host");
    }

    @Test
    void overlongLineIsCutShownShortAndTheNextLineStillReads() throws IOException {
        String longLine = "a".repeat(100_000);
        List<ScanItem> items = items(longLine + "\nexample.org\n");

        assertThat(items).hasSize(2);
        ScanItem.Invalid bad = (ScanItem.Invalid) items.getFirst();
        assertThat(bad.text()).hasSizeLessThanOrEqualTo(TargetInput.SHOWN + 1).endsWith("\u2026");
        assertThat(bad.reason()).contains("longer than 1024 bytes");
        assertThat(items.get(1).text()).isEqualTo("example.org");
        // Its key is the key its output line's target gives back, so --resume recognises it.
        assertThat(bad.key()).isEqualTo(TargetKeys.of(bad.text()));
    }

    @Test
    void bytesThatAreNotUtf8BecomeAnInvalidLineNotACrash() throws IOException {
        byte[] input = {'e', 'x', (byte) 0xC3, (byte) 0x28, '.', 'o', 'r', 'g', '\n', 0, 1, 2, '\n', 'o', 'k', '.', 'o', 'r', 'g'};
        List<ScanItem> items = items(input);

        assertThat(items).hasSize(3);
        assertThat(items.get(0)).isInstanceOf(ScanItem.Invalid.class);
        assertThat(items.get(0).text()).contains("\uFFFD");
        assertThat(items.get(1)).isInstanceOf(ScanItem.Invalid.class);
        assertThat(items.get(2).text()).isEqualTo("ok.org");
    }

    @Test
    void sameTargetWrittenDifferentlyHasOneKey() throws IOException {
        List<ScanItem> items = items("Example.ORG\nexample.org.\n127.0.0.1:2525\nsmtp://127.0.0.1:2525\n"
                + "smtps://127.0.0.1:2525\n127.0.0.1:2526\nexample.org:25\n");

        long domain = items.get(0).key();
        assertThat(items.get(1).key()).isEqualTo(domain);
        assertThat(items.get(2).key()).isEqualTo(items.get(3).key());
        // Implicit TLS on the same port, another port, and an explicit port (one host, no MX) are other targets.
        assertThat(List.of(items.get(4).key(), items.get(5).key(), items.get(6).key()))
                .doesNotContain(domain, items.get(2).key()).doesNotHaveDuplicates();
        // Keys from output lines: the original text maps back to the same key.
        assertThat(TargetKeys.of("Example.ORG")).isEqualTo(domain);
        assertThat(TargetKeys.of("not a target!")).isEqualTo(TargetKeys.of("not a target!"))
                .isNotEqualTo(TargetKeys.of("not a target?"));
    }

    @Test
    void longSetKeepsEveryKeyThroughGrowthAndZero() {
        LongSet set = new LongSet();
        java.util.Random r = new java.util.Random(7);
        long[] keys = new long[200_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = r.nextLong();
            assertThat(set.add(keys[i])).isTrue();
        }
        assertThat(set.add(0L)).isTrue();
        assertThat(set.add(0L)).isFalse();
        for (long k : keys) {
            assertThat(set.contains(k)).isTrue();
            assertThat(set.add(k)).isFalse();
        }
        assertThat(set.size()).isEqualTo(keys.length + 1);
        assertThat(set.contains(r.nextLong())).isFalse();
    }
}
