package dev.missions.droid.runtime.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sandbox on a Linux host: bubblewrap, as the Linux sandboxes of other coding agents use it. The command gets
 * its own user, PID, mount, IPC, UTS and cgroup namespaces, runs as nobody with no capabilities, sees the system's
 * {@code /usr} and {@code /etc} read-only, a fresh {@code /tmp}, {@code /proc} of its own processes only, the
 * workspace and its scratch directories read-write, and HOME on the role's cache. When the command ends, or the
 * droid dies, the PID namespace dies and takes every process left in it.
 */
public final class Bubblewrap implements Sandbox {

    /** The uid and gid of nobody: not the droid's, owning nothing of the droid's. */
    static final int NOBODY = 65534;
    static final String HOME = "/home/sandbox";
    private static final List<String> ROOT_LINKS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /**
     * Every bwrap is started from this one thread. --die-with-parent is the kernel's PR_SET_PDEATHSIG, which fires when
     * the starting <em>thread</em> exits, not the droid: started from a virtual thread's carrier, which the scheduler
     * retires when idle, a healthy build would be SIGKILLed mid-run. This thread lives as long as the droid.
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sandbox-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private final Path program;
    private final SandboxSettings settings;
    private final Map<String, String> droidEnv;

    Bubblewrap(Path program, SandboxSettings settings, Map<String, String> droidEnv) {
        this.program = program;
        this.settings = settings;
        this.droidEnv = Map.copyOf(droidEnv);
    }

    /**
     * A bubblewrap sandbox, after one confined {@code true} proved that this host lets it make its namespaces.
     *
     * @throws SandboxUnavailableException saying what is missing: fail closed, never run unconfined by surprise
     */
    public static Bubblewrap create(SandboxSettings settings, Map<String, String> droidEnv) {
        Path program = find(droidEnv.getOrDefault("PATH", "/usr/bin:/bin")).orElseThrow(() -> new SandboxUnavailableException(
                "bubblewrap (bwrap) is not installed, so repository code cannot be sandboxed and this droid will not "
                        + "start. Install it (Debian/Ubuntu: apt-get install -y bubblewrap; Fedora: dnf install "
                        + "bubblewrap), or set missions.droid.sandbox=none on a trusted setup only"));
        Bubblewrap sandbox = new Bubblewrap(program, settings, droidEnv);
        sandbox.probe();
        return sandbox;
    }

    @Override
    public String name() {
        return "bubblewrap";
    }

    @Override
    public Process start(SandboxedCommand command) throws IOException {
        Files.createDirectories(settings.home());
        for (Path cache : settings.caches().values()) {
            Files.createDirectories(cache);
        }
        Map<String, String> env = SandboxEnvironment.build(HOME, droidEnv, settings.passEnv(), command.env());
        requireProgram(command, env.get("PATH"));
        ProcessBuilder builder = new ProcessBuilder(arguments(command, env)).directory(command.workDir().toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // bwrap is PID 1 inside, and its environment readable there: it starts with the clean one too
        builder.environment().clear();
        builder.environment().putAll(env);
        return launch(builder);
    }

    private static Process launch(ProcessBuilder builder) throws IOException {
        try {
            return LAUNCHER.submit(builder::start).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("bwrap could not be started", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting bwrap", e);
        }
    }

    // bwrap would start and then fail to find it: say so the way a process that cannot start does
    private static void requireProgram(SandboxedCommand command, String path) throws IOException {
        String program = command.argv().getFirst();
        boolean found = program.contains("/") ? Files.isExecutable(command.workDir().resolve(program))
                : Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
        if (!found) {
            throw new IOException(program.contains("/") ? "no executable at " + program : program + " is not on the PATH");
        }
    }

    List<String> arguments(SandboxedCommand command, Map<String, String> env) throws IOException {
        List<String> args = new ArrayList<>(List.of(program.toString(), "--unshare-all"));
        if (settings.network()) {
            args.add("--share-net");
        }
        args.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--uid", String.valueOf(NOBODY), "--gid", String.valueOf(NOBODY), "--hostname", "sandbox",
                "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"));
        for (String link : ROOT_LINKS) {
            Path path = Path.of(link);
            if (Files.isSymbolicLink(path)) {
                args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), link));
            } else if (Files.isDirectory(path)) {
                args.addAll(List.of("--ro-bind", link, link));
            }
        }
        // resolv.conf often links out of /etc (systemd-resolved): without it builds cannot resolve a host
        Path resolv = Path.of("/etc/resolv.conf");
        if (Files.isSymbolicLink(resolv) && Files.exists(resolv)) {
            Path real = resolv.toRealPath();
            if (!real.startsWith("/etc") && !real.startsWith("/usr")) {
                args.addAll(List.of("--ro-bind", real.toString(), real.toString()));
            }
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        // /tmp is the sandbox's own from here on: what is bound below may live under the droid's /tmp
        for (Path dir : readOnly(command, env)) {
            args.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
        }
        args.addAll(List.of("--bind", settings.home().toString(), HOME));
        settings.caches().forEach((at, dir) -> args.addAll(List.of("--bind", dir.toString(), HOME + "/" + at)));
        for (Path dir : command.writable()) {
            args.addAll(List.of("--bind", dir.toString(), dir.toString()));
        }
        String workDir = command.workDir().toString();
        args.addAll(List.of("--bind", workDir, workDir, "--chdir", workDir, "--"));
        args.addAll(command.argv());
        return args;
    }

    // Tools outside /usr: a JDK under /opt, a build tool unpacked in the droid's home. Only the tool, never its parent.
    private List<Path> readOnly(SandboxedCommand command, Map<String, String> env) {
        List<Path> dirs = new ArrayList<>(settings.readOnly());
        dirs.addAll(command.readOnly());
        Optional.ofNullable(env.get("JAVA_HOME")).map(Path::of).ifPresent(dirs::add);
        return dirs.stream().map(Path::toAbsolutePath).map(Path::normalize)
                .filter(dir -> !dir.startsWith("/usr") && Files.isDirectory(dir)).distinct().toList();
    }

    private void probe() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sandbox-probe-");
            Process process = start(SandboxedCommand.in(dir, List.of("true")));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                ProcessTree.kill(process);
                throw new SandboxUnavailableException("bubblewrap did not answer within 30 s");
            }
            if (process.exitValue() != 0) {
                throw new SandboxUnavailableException("bubblewrap failed its probe on this host (exit code "
                        + process.exitValue() + ": " + output + "). If it cannot make its namespaces, allow "
                        + "unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or on Kubernetes a "
                        + "runtime that permits them); if it names a path, check missions.droid.sandbox-home, "
                        + "-caches and -read-only; or set missions.droid.sandbox=none on a trusted setup only");
            }
        } catch (IOException e) {
            throw new SandboxUnavailableException("bubblewrap could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("interrupted while probing bubblewrap");
        } finally {
            if (dir != null) {
                dir.toFile().delete();
            }
        }
    }

    private static Optional<Path> find(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "bwrap");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
