package chat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build keeps the WAR, Payara Micro and the tests' own files. */
public final class TestPaths {

    private TestPaths() {
    }

    public static Path target() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("chat.target", "target")).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path war() {
        return Path.of(System.getProperty("chat.war", "target/chat.war")).toAbsolutePath();
    }

    public static Path payaraMicroJar() {
        return Path.of(System.getProperty("payara.micro.jar", "target/payara-micro.jar")).toAbsolutePath();
    }

    /** The project's payara/ folder (pre-boot commands and scripts). */
    public static Path payaraConfig() {
        return Path.of("payara").toAbsolutePath();
    }
}
