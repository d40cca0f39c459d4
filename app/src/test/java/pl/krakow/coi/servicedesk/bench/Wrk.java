package pl.krakow.coi.servicedesk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import pl.krakow.coi.servicedesk.testing.TestPrograms;

/**
 * Runs Debian's {@code wrk} with a Lua script of {@code bench/wrk} (two threads, a fixed number of connections,
 * a bearer token in {@code BENCH_TOKEN}) and reads the script's summary line.
 */
final class Wrk {

    private Wrk() {}

    /** One wrk run: requests, duration, latency percentiles (ms), errors and the script's counters. */
    record Result(
            long requests,
            double seconds,
            double p50,
            double p95,
            double p99,
            double max,
            long non2xx,
            long socketErrors,
            Map<String, Long> counters) {

        double perSecond() {
            return requests / seconds;
        }
    }

    /** Debian's wrk, installed first when missing and the tests run as root ({@code bin/test-programs}). */
    static Path ensureInstalled() {
        return TestPrograms.require("wrk");
    }

    static String version() throws IOException, InterruptedException {
        String output = run(List.of(ensureInstalled().toString(), "-v"), Map.of());
        return output.lines()
                .findFirst()
                .orElse("")
                .replaceAll("Copyright.*", "")
                .trim();
    }

    static Result run(String script, String token, int connections, int seconds, String base)
            throws IOException, InterruptedException {
        String output = run(
                List.of(
                        ensureInstalled().toString(),
                        "-t2",
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--timeout",
                        "30s",
                        "-s",
                        BenchmarkSuiteIT.WRK_SCRIPTS.resolve(script).toString(),
                        base),
                Map.of("BENCH_TOKEN", token, "BENCH_WRK_DIR", BenchmarkSuiteIT.WRK_SCRIPTS.toString()));
        String line = output.lines()
                .filter(l -> l.startsWith("BENCH "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk " + script + " printed no summary:\n" + output));
        Map<String, Long> values = new LinkedHashMap<>();
        for (String pair : line.substring(6).trim().split(" ")) {
            String[] kv = pair.split("=");
            values.put(kv[0], Long.parseLong(kv[1]));
        }
        Map<String, Long> counters = new LinkedHashMap<>(values);
        for (String known :
                List.of("requests", "duration_us", "p50_us", "p95_us", "p99_us", "max_us", "non2xx", "socket_errors")) {
            counters.remove(known);
        }
        return new Result(
                values.get("requests"),
                values.get("duration_us") / 1e6,
                values.get("p50_us") / 1e3,
                values.get("p95_us") / 1e3,
                values.get("p99_us") / 1e3,
                values.get("max_us") / 1e3,
                values.get("non2xx"),
                values.get("socket_errors"),
                counters);
    }

    private static String run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + output);
        }
        return output;
    }
}
