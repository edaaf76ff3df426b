package dev.missions.droid.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildDetectorTest {

    @TempDir
    Path root;

    @Test
    void eachBuildByItsFiles() throws Exception {
        assertEquals(Optional.empty(), BuildDetector.detect(root));
        write("go.mod", "module example.com/shop\n");
        assertEquals(Optional.of(Build.GO), BuildDetector.detect(root));
        write("tests/test_shop.py", "def test_x():\n    assert True\n");
        assertEquals(Optional.of(Build.PYTEST), BuildDetector.detect(root));
        write("package.json", "{\"scripts\": {\"build\": \"tsc {x}\", \"test\": \"jest\"}}");
        assertEquals(Optional.of(Build.NPM), BuildDetector.detect(root));
        write("build.gradle.kts", "plugins { java }\n");
        assertEquals(Optional.of(Build.GRADLE), BuildDetector.detect(root));
        write("pom.xml", "<project/>");
        assertEquals(Optional.of(Build.MAVEN), BuildDetector.detect(root));
    }

    @Test
    void npmsPlaceholderTestScriptIsNoTestSuite() throws Exception {
        write("package.json", "{\"scripts\": {\"test\": \"echo \\\"Error: no test specified\\\" && exit 1\"}}");
        assertEquals(Optional.empty(), BuildDetector.detect(root));
        write("package.json", "{ not json");
        assertEquals(Optional.empty(), BuildDetector.detect(root));
    }

    @Test
    void pythonTestsInDependenciesDoNotMakeAPytestProject() throws Exception {
        write("node_modules/lib/test_lib.py", "");
        write(".venv/lib/test_venv.py", "");
        assertEquals(Optional.empty(), BuildDetector.detect(root));
        write("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q\"\n");
        assertEquals(Optional.of(Build.PYTEST), BuildDetector.detect(root));
    }

    @Test
    void theProjectsOwnWrapperWinsWhenExecutable() throws Exception {
        write("pom.xml", "<project/>");
        Path mvnw = write("mvnw", "#!/bin/sh\n");
        Toolchain toolchain = Toolchain.defaults().withMaven("/opt/maven/bin/mvn");
        List<String> plain = Build.MAVEN.command(root, toolchain, root);
        assertEquals("/opt/maven/bin/mvn", plain.getFirst(), "not executable: not a wrapper to run");
        assertTrue(plain.contains("test") && plain.contains("-Dmaven.test.failure.ignore=true"), plain.toString());

        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(mvnw.toAbsolutePath().toString(), Build.MAVEN.command(root, toolchain, root).getFirst());
    }

    @Test
    void pytestWritesItsReportOutsideTheWorkspace(@TempDir Path scratch) {
        List<String> command = Build.PYTEST.command(root, Toolchain.defaults(), scratch);
        assertEquals("--junitxml=" + scratch.resolve("pytest-junit.xml").toAbsolutePath(), command.getLast());
    }

    private Path write(String name, String text) throws Exception {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
