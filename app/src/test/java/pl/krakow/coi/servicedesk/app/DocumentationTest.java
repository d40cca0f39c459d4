package pl.krakow.coi.servicedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the project's documentation true to the repository: the README stays a short guide, every relative
 * link in the README and under {@code docs/} leads to a file (and heading) of the repository, no Markdown file
 * points outside it, and every ADR is listed in the ADR index.
 */
class DocumentationTest {

    /** The repository root, seen from the app module's directory (where Maven runs the tests). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final int README_MAX_LINES = 200;

    /** An inline link or image {@code [text](target)}; the target ends at a space (a title) or ')'. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");

    /** A reference definition {@code [label]: target}. */
    private static final Pattern REFERENCE_LINK = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");

    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    private static final Pattern ADR_FILE = Pattern.compile("\\d{4}-.+\\.md");

    @Test
    void readmeIsAGuideOfAtMostTwoHundredLines() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));

        assertThat(lines).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsResolvesInsideTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Path file : documentation()) {
            for (Link link : links(file)) {
                if (isExternal(link.target())) {
                    continue;
                }
                String problem = check(file, link.target());
                if (problem != null) {
                    broken.add(ROOT.relativize(file) + ":" + link.line() + ": " + link.target() + " (" + problem + ")");
                }
            }
        }

        assertThat(broken).as("links that lead nowhere in the repository").isEmpty();
    }

    @Test
    void noMarkdownFileOfTheRepositoryLinksOutsideIt() {
        List<String> outside = new ArrayList<>();
        for (Path file : markdownFiles(ROOT)) {
            for (Link link : links(file)) {
                if (isExternal(link.target()) || link.target().startsWith("#")) {
                    continue;
                }
                Path target = resolve(file, link.target());
                if (!target.startsWith(ROOT)) {
                    outside.add(ROOT.relativize(file) + ":" + link.line() + ": " + link.target());
                }
            }
            String text = read(file);
            if (text.contains("../shared/")) {
                outside.add(ROOT.relativize(file) + ": mentions ../shared/, which is not in the repository");
            }
        }

        assertThat(outside).as("Markdown that points outside the repository").isEmpty();
    }

    @Test
    void everyArchitectureDecisionRecordIsInTheIndex() throws IOException {
        Path adrs = ROOT.resolve("docs/adr");
        String index = read(adrs.resolve("README.md"));
        List<String> missing;
        try (Stream<Path> files = Files.list(adrs)) {
            missing = files.map(path -> path.getFileName().toString())
                    .filter(name -> ADR_FILE.matcher(name).matches())
                    .filter(name -> !index.contains("(" + name + ")"))
                    .sorted()
                    .toList();
        }

        assertThat(missing).as("ADRs not linked from docs/adr/README.md").isEmpty();
    }

    @Test
    void theLinkCheckFindsABrokenLinkAndAnUnknownHeading() throws IOException {
        Path dir = Files.createTempDirectory(ROOT.resolve("app/target"), "doc-check");
        try {
            Path doc = Files.writeString(dir.resolve("a.md"), "# A heading\n\n[x](missing.md) [y](a.md#a-heading)\n");

            assertThat(check(doc, "missing.md")).isEqualTo("no such file");
            assertThat(check(doc, "a.md#a-heading")).isNull();
            assertThat(check(doc, "a.md#no-such-heading")).isEqualTo("no such heading");
            assertThat(check(doc, "#a-heading")).isNull();
            assertThat(links(doc)).extracting(Link::target).containsExactly("missing.md", "a.md#a-heading");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a))
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /** README.md and every Markdown file under docs/. */
    private static List<Path> documentation() {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        files.addAll(markdownFiles(ROOT.resolve("docs")));
        return files;
    }

    private static List<Path> markdownFiles(Path under) {
        try (Stream<Path> files = Files.walk(under)) {
            return files.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> {
                        Path relative = ROOT.relativize(path);
                        for (Path part : relative) {
                            String name = part.toString();
                            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why a relative link does not resolve, or null when it does. */
    private static String check(Path file, String target) {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? file : resolve(file, path);
        if (!resolved.startsWith(ROOT)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")) {
            if (!headingAnchors(resolved).contains(anchor)) {
                return "no such heading";
            }
        }
        return null;
    }

    private static Path resolve(Path file, String target) {
        String path = target;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return file.getParent().resolve(path.replace("%20", " ")).normalize();
    }

    /** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> headingAnchors(Path file) {
        Set<String> anchors = new HashSet<>();
        boolean fenced = false;
        for (String line : read(file).split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced || !line.startsWith("#")) {
                continue;
            }
            String heading = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
            String slug = heading.replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
            String candidate = slug;
            for (int n = 1; !anchors.add(candidate); n++) {
                candidate = slug + "-" + n;
            }
        }
        return anchors;
    }

    private static List<Link> links(Path file) {
        List<Link> links = new ArrayList<>();
        boolean fenced = false;
        String[] lines = read(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String prose = INLINE_CODE.matcher(line).replaceAll("");
            Matcher inline = INLINE_LINK.matcher(prose);
            while (inline.find()) {
                links.add(new Link(i + 1, inline.group(1)));
            }
            Matcher reference = REFERENCE_LINK.matcher(prose);
            if (reference.matches()) {
                links.add(new Link(i + 1, reference.group(1)));
            }
        }
        return links;
    }

    private static boolean isExternal(String target) {
        return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Link(int line, String target) {}
}
