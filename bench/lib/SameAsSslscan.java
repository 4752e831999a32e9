import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.NamedGroups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares the findings of `mailtls check --deep --json` with sslscan's XML on the same server: protocols,
 * suite sets per protocol, preferred suite where the server imposes its order, and groups. Prints one line;
 * exit status 1 when they differ. Usage: java -cp target/mailtls.jar:target/lib/* SameAsSslscan.java JSON XML
 */
public class SameAsSslscan {
    private static final Pattern PROTOCOL = Pattern.compile("<protocol type=\"(ssl|tls)\" version=\"([0-9.]+)\" enabled=\"([01])\"");
    private static final Pattern CIPHER = Pattern.compile(
            "<cipher status=\"(preferred|accepted)\" sslversion=\"(\\w+v[0-9.]+)\"[^>]*? id=\"0x([0-9A-Fa-f]{4})\"");
    private static final Pattern GROUP = Pattern.compile("<group [^>]*id=\"0x([0-9A-Fa-f]{4})\"");

    public static void main(String[] args) throws Exception {
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(Path.of(args[0])));
        JsonNode probe = report.path("endpoints").path(0).path("probe");
        String xml = Files.readString(Path.of(args[1]));
        List<String> differences = new ArrayList<>();

        Map<String, Boolean> theirProtocols = new TreeMap<>();
        for (Matcher m = PROTOCOL.matcher(xml); m.find(); ) {
            theirProtocols.put((m.group(1).equals("ssl") ? "SSLv" : "TLSv") + m.group(2), m.group(3).equals("1"));
        }
        Map<String, Boolean> ourProtocols = new TreeMap<>();
        probe.path("protocols").properties().forEach(e -> ourProtocols.put(e.getKey(), e.getValue().asBoolean()));
        if (!ourProtocols.equals(theirProtocols)) {
            differences.add("protocols " + ourProtocols + " vs " + theirProtocols);
        }

        Map<String, Set<String>> theirs = new TreeMap<>();
        Map<String, String> preferred = new LinkedHashMap<>();
        for (Matcher m = CIPHER.matcher(xml); m.find(); ) {
            String name = CipherSuites.nameOf(Integer.parseInt(m.group(3), 16));
            theirs.computeIfAbsent(m.group(2), k -> new TreeSet<>()).add(name);
            if (m.group(1).equals("preferred")) {
                preferred.put(m.group(2), name);
            }
        }
        Map<String, Set<String>> ours = new TreeMap<>();
        probe.path("ciphers").properties().forEach(e -> {
            Set<String> names = new TreeSet<>();
            e.getValue().forEach(n -> names.add(n.asString()));
            ours.put(e.getKey(), names);
        });
        if (!ours.equals(theirs)) {
            differences.add("suites " + ours + " vs " + theirs);
        }
        if (probe.path("server_order").asBoolean(false)) {
            preferred.forEach((version, name) -> {
                String first = probe.path("ciphers").path(version).path(0).asString("");
                if (!first.equals(name)) {
                    differences.add(version + " preferred " + first + " vs " + name);
                }
            });
        }

        Set<String> theirGroups = new TreeSet<>();
        for (Matcher m = GROUP.matcher(xml); m.find(); ) {
            theirGroups.add(NamedGroups.nameOf(Integer.parseInt(m.group(1), 16)));
        }
        Set<String> ourGroups = new TreeSet<>();
        probe.path("groups").forEach(n -> ourGroups.add(n.asString()));
        if (!ourGroups.equals(theirGroups)) {
            differences.add("groups " + ourGroups + " vs " + theirGroups);
        }

        StringBuilder counts = new StringBuilder();
        ours.forEach((version, names) -> counts.append(counts.isEmpty() ? "" : ", ").append(version).append(' ')
                .append(names.size()));
        if (differences.isEmpty()) {
            System.out.println("  same as sslscan: protocols, suites (" + counts + "), preferred suites, "
                    + ourGroups.size() + " groups");
        } else {
            System.out.println("  DIFFERENT from sslscan: " + String.join("; ", differences));
            System.exit(1);
        }
    }
}
