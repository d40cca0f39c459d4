package pl.krakow.coi.servicedesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/test-programs}, the one list of the programs the tests run besides Java: on a machine without them, an
 * unprivileged user gets one line naming the command to run, at once; with them, their paths.
 */
class TestProgramsTest {

    static final List<String> EVERY_PACKAGE = List.of(
            "wrk", "chromium", "chromium-driver", "fusioninventory-agent", "prometheus-alertmanager", "clamav-daemon");

    /** As root, the script runs as uid 65534 (nobody), as a developer's build would; otherwise as the caller. */
    static String[] unprivileged() throws IOException {
        boolean root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        return root ? new String[] {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"} : new String[0];
    }

    @Test
    void anUnprivilegedUserWithoutTheProgramsGetsOneLineNamingTheCommand(@TempDir Path empty) throws IOException {
        long started = System.nanoTime();
        TestPrograms.Answer answer =
                TestPrograms.ask(List.of(), Map.of("TEST_PROGRAMS_DIR", empty.toString()), unprivileged());

        assertThat(answer.exitCode()).isEqualTo(1);
        assertThat(answer.output().strip().lines()).hasSize(1);
        assertThat(answer.output()).contains("sudo apt-get install -y " + String.join(" ", EVERY_PACKAGE));
        assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds").isLessThan(10);
    }

    @Test
    void onlyTheMissingPackagesAreNamed(@TempDir Path bin) throws IOException {
        executable(bin.resolve("wrk"));
        executable(bin.resolve("chromium"));

        TestPrograms.Answer answer = TestPrograms.ask(
                List.of("wrk", "chromium", "chromedriver"),
                Map.of("TEST_PROGRAMS_DIR", bin.toString()),
                unprivileged());

        assertThat(answer.exitCode()).isEqualTo(1);
        assertThat(answer.output()).contains("sudo apt-get install -y chromium-driver (");
    }

    @Test
    void withEveryProgramPresentItAnswersTheirPaths(@TempDir Path bin) throws IOException {
        for (String program : List.of(
                "wrk", "chromium", "chromedriver", "fusioninventory-agent", "prometheus-alertmanager", "clamd")) {
            executable(bin.resolve(program));
        }

        TestPrograms.Answer all = TestPrograms.ask(List.of(), Map.of("TEST_PROGRAMS_DIR", bin.toString()));
        TestPrograms.Answer one = TestPrograms.ask(List.of("wrk"), Map.of("TEST_PROGRAMS_DIR", bin.toString()));

        assertThat(all.exitCode()).isZero();
        assertThat(all.output().lines())
                .hasSize(6)
                .contains(bin.resolve("chromedriver").toString());
        assertThat(one.exitCode()).isZero();
        assertThat(one.output().strip()).isEqualTo(bin.resolve("wrk").toString());
    }

    /** Daemons such as clamd are in sbin: the folders are looked through in their order. */
    @Test
    void programsAreLookedForInEachFolderOfTheList(@TempDir Path root) throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path sbin = Files.createDirectories(root.resolve("sbin"));
        executable(bin.resolve("wrk"));
        executable(sbin.resolve("clamd"));
        executable(sbin.resolve("wrk"));

        TestPrograms.Answer answer =
                TestPrograms.ask(List.of("wrk", "clamd"), Map.of("TEST_PROGRAMS_DIR", bin + ":" + sbin));

        assertThat(answer.exitCode()).isZero();
        assertThat(answer.output().lines())
                .containsExactly(
                        bin.resolve("wrk").toString(), sbin.resolve("clamd").toString());
    }

    @Test
    void aProgramOutsideTheListIsRefused() {
        assertThat(TestPrograms.ask(List.of("docker"), Map.of()).exitCode()).isEqualTo(2);
    }

    private static void executable(Path path) throws IOException {
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The unprivileged user must be able to look into the folder.
        Files.setPosixFilePermissions(path.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
