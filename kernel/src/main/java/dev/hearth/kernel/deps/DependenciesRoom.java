package dev.hearth.kernel.deps;

import dev.hearth.api.UserPaths;
import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.room.Room;
import dev.hearth.kernel.room.RoomContext;

import java.time.Duration;

/**
 * Maven artifacts for cells: {@code %maven}, {@code %%pom} and {@code deps} (the Java twin), on
 * Maven's own resolver. Offers the {@link MavenResolver} to later rooms ({@code %plugins install}).
 */
public final class DependenciesRoom implements Room {

    /** Maven's settings file. */
    public static final ConfigKey SETTINGS = ConfigKey.of("maven.settings",
            "Maven settings.xml for %maven (local repository, mirrors, proxies, offline)", "~/.m2/settings.xml");
    /** The central repository. */
    public static final ConfigKey CENTRAL = ConfigKey.of("maven.central",
            "URL of the central repository %maven starts from (a settings.xml mirror may replace it)", MavenResolver.CENTRAL);
    /** Download timeout. */
    public static final ConfigKey TIMEOUT = ConfigKey.of("maven.timeout.seconds",
            "connect and read timeout of each %maven download, in seconds", "30");

    @Override
    public void install(RoomContext room) {
        room.declare(SETTINGS, CENTRAL, TIMEOUT);
        MavenResolver resolver = new MavenResolver(
                () -> MavenSettings.load(UserPaths.of(room.config().value(SETTINGS))),
                room.config().value(CENTRAL), Duration.ofSeconds(room.config().longValue(TIMEOUT)));
        Dependencies dependencies = new Dependencies(resolver, room.evaluator(), room.cells());
        room.magic(new MavenMagic(dependencies), new PomMagic(dependencies))
                .bind("deps", Dependencies.class, dependencies)
                .offer(MavenResolver.class, resolver)
                .closeAtShutdown(resolver);
        // ~0.5 s of CPU: once JShell is warm and no cell runs, never against the first cell
        room.evaluator().afterWarmUp(resolver::warmUp);
    }
}
