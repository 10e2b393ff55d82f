package phoenix.system;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's root is, whichever directory the tests run in. */
final class Projects {

    private Projects() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
}
