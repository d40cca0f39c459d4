package pl.krakow.coi.servicedesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@link AgentsMixSimulation} with Gatling in this JVM and reads the figures from the statistics table of the
 * report Gatling writes: counts, failures, and the 50th, 95th and 99th percentiles of the response times.
 */
final class GatlingRun {

    private GatlingRun() {}

    /** One kind of request of a run: how many, how many failed, and its latency percentiles (ms). */
    record Figures(long requests, long failed, double p50, double p95, double p99) {}

    /**
     * One run at a fixed arrival rate.
     *
     * @param rate agents' actions started per second (an update is two requests)
     * @param byName each request name of the simulation → its figures
     */
    record Result(double rate, double seconds, Figures all, Map<String, Figures> byName) {

        double perSecond() {
            return all.requests() / seconds;
        }
    }

    static synchronized Result run(String base, String token, double rate, int seconds, List<Long> tickets)
            throws IOException {
        Path results = Path.of("target", "gatling").toAbsolutePath();
        Files.createDirectories(results);
        Map<String, String> properties = Map.of(
                "base", base,
                "token", token,
                "rate", Double.toString(rate),
                "seconds", Integer.toString(seconds),
                "tickets",
                        String.join(",", tickets.stream().map(String::valueOf).toList()));
        properties.forEach((name, value) -> System.setProperty(AgentsMixSimulation.PREFIX + name, value));
        int status;
        try {
            status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", AgentsMixSimulation.class.getName(),
                "--results-folder", results.toString(),
                "--run-description", "agents' mix at " + rate + " per second"
            });
        } finally {
            properties.keySet().forEach(name -> System.clearProperty(AgentsMixSimulation.PREFIX + name));
        }
        if (status != 0) {
            throw new IllegalStateException("Gatling ended with status " + status);
        }
        Path report;
        try (Stream<Path> runs = Files.list(results)) {
            report = runs.filter(Files::isDirectory)
                    .max(Comparator.comparing(GatlingRun::modified))
                    .orElseThrow(() -> new IllegalStateException("Gatling wrote no report under " + results))
                    .resolve("index.html");
        }
        Map<String, Figures> byName = statistics(Files.readString(report));
        Figures all = byName.remove(ALL);
        if (all == null) {
            throw new IllegalStateException("No statistics table in " + report);
        }
        return new Result(rate, seconds, all, byName);
    }

    private static final String ALL = "All Requests";
    private static final Pattern ROW = Pattern.compile("<tr id=\"[^\"]+\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

    /**
     * The statistics table of Gatling's report (3.15 writes no {@code stats.json} any more): one row per request
     * name and one for all requests; columns 2 total, 4 failed (KO), then the response times: 8, 9, 10 and 11 are
     * the percentiles 1 to 4 of {@code gatling.conf} (50, 75, 95, 99). A change of the layout fails the run here.
     */
    static Map<String, Figures> statistics(String html) {
        Map<String, Figures> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            if (!name.find()) {
                continue;
            }
            Map<Integer, String> cells = new LinkedHashMap<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim());
            }
            if (!cells.keySet().containsAll(List.of(2, 4, 8, 10, 11))) {
                throw new IllegalStateException("Unexpected statistics row for " + name.group(1) + ": " + cells);
            }
            rows.put(
                    name.group(1),
                    new Figures(
                            Long.parseLong(cells.get(2)),
                            Long.parseLong(cells.get(4)),
                            number(cells.get(8)),
                            number(cells.get(10)),
                            number(cells.get(11))));
        }
        return rows;
    }

    /** A response time; Gatling writes "-" where a request has no successful answer. */
    private static double number(String cell) {
        return cell.equals("-") ? Double.NaN : Double.parseDouble(cell);
    }

    private static java.nio.file.attribute.FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
