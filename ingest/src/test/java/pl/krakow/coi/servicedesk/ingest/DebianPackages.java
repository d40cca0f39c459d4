package pl.krakow.coi.servicedesk.ingest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real programs some tests run (fusioninventory-agent, prometheus-alertmanager), installed from
 * Debian's packages when missing and the tests run as root; otherwise a clear failure says what to install.
 */
public final class DebianPackages {

    private DebianPackages() {}

    /** The path of {@code binary}, installing {@code debianPackage} first if needed. */
    public static synchronized Path require(String binary, String debianPackage) {
        Path found = find(binary);
        if (found != null) {
            return found;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException(binary + " is not installed and the tests do not run as root: install it"
                    + " with `sudo apt-get install -y " + debianPackage + "`");
        }
        run("apt-get", "install", "-y", "-q", debianPackage);
        found = find(binary);
        if (found == null) {
            run("apt-get", "update", "-q");
            run("apt-get", "install", "-y", "-q", debianPackage);
            found = find(binary);
        }
        if (found == null) {
            throw new IllegalStateException("apt-get install " + debianPackage + " did not bring " + binary);
        }
        return found;
    }

    private static Path find(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path usrBin = Path.of("/usr/bin", binary);
        return Files.isExecutable(usrBin) ? usrBin : null;
    }

    private static void run(String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
