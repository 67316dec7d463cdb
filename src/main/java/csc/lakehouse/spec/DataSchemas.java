package csc.lakehouse.spec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the specs kept as data in {@code data-schemas/}: table schemas, code lists by collection year,
 * validation rules, the bank-holiday calendar. The folder is packaged into the jar (so a cluster needs
 * nothing beside it); {@code -Dcsc.schemas.dir=DIR} or {@code CSC_SCHEMAS_DIR} reads another copy,
 * which is how a council trials next year's code lists without a rebuild.
 */
public final class DataSchemas {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private DataSchemas() {}

    private static Optional<Path> overrideDir() {
        String d = System.getProperty("csc.schemas.dir", System.getenv("CSC_SCHEMAS_DIR"));
        return d == null || d.isBlank() ? Optional.empty() : Optional.of(Paths.get(d));
    }

    /** Opens {@code data-schemas/<relative>}, or empty when it does not exist. */
    public static Optional<InputStream> open(String relative) {
        try {
            Optional<Path> dir = overrideDir();
            if (dir.isPresent()) {
                Path p = dir.get().resolve(relative);
                return Files.exists(p) ? Optional.of(Files.newInputStream(p)) : Optional.empty();
            }
            return Optional.ofNullable(DataSchemas.class.getResourceAsStream("/data-schemas/" + relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String readText(String relative) {
        try (InputStream in = open(relative).orElseThrow(
                () -> new IllegalStateException("data-schemas/" + relative + " is missing from the build"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T readYaml(String relative, Class<T> type) {
        try {
            return YAML.readValue(readText(relative), type);
        } catch (IOException e) {
            throw new IllegalStateException("data-schemas/" + relative + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** File names (not paths) in a folder of data-schemas, sorted; works from a folder or inside the jar. */
    public static List<String> list(String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        List<String> out = new ArrayList<>();
        try {
            Optional<Path> dir = overrideDir();
            if (dir.isPresent()) {
                listDir(dir.get().resolve(folder), out);
            } else {
                java.net.URL url = DataSchemas.class.getResource("/data-schemas/" + prefix);
                if (url == null) {
                    return out;
                }
                if ("file".equals(url.getProtocol())) {
                    listDir(Paths.get(url.toURI()), out);
                } else if ("jar".equals(url.getProtocol())) {
                    String spec = url.getPath();
                    String jarPath = spec.substring("file:".length(), spec.indexOf("!/"));
                    String inJar = "data-schemas/" + prefix;
                    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(
                            java.net.URLDecoder.decode(jarPath, StandardCharsets.UTF_8))) {
                        jar.stream().map(java.util.jar.JarEntry::getName)
                           .filter(n -> n.startsWith(inJar) && n.length() > inJar.length()
                                   && n.indexOf('/', inJar.length()) < 0)
                           .forEach(n -> out.add(n.substring(inJar.length())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        out.sort(String::compareTo);
        return out;
    }

    private static void listDir(Path p, List<String> out) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                s.filter(Files::isRegularFile).forEach(f -> out.add(f.getFileName().toString()));
            }
        }
    }
}
