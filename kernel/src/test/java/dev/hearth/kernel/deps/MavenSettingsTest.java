package dev.hearth.kernel.deps;

import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** settings.xml as Maven reads it: local repository (with ${user.home}), offline, mirrors, proxies, credentials. */
class MavenSettingsTest {

    private static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", MavenResolver.CENTRAL).build();

    @Test
    void everyPartOfTheFileIsApplied(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("settings.xml");
        Files.writeString(file, """
                <settings>
                  <localRepository>${user.home}/hearth-test-m2</localRepository>
                  <offline>true</offline>
                  <mirrors><mirror><id>house</id><mirrorOf>central</mirrorOf><url>https://10.0.0.5/maven2/</url></mirror></mirrors>
                  <proxies>
                    <proxy><id>off</id><active>false</active><protocol>https</protocol><host>10.0.0.9</host><port>1</port></proxy>
                    <proxy><id>on</id><active>true</active><protocol>https</protocol><host>10.0.0.8</host><port>3128</port>
                      <nonProxyHosts>localhost|10.1.*</nonProxyHosts></proxy>
                  </proxies>
                  <servers><server><id>house</id><username>ada</username><password>secret</password></server></servers>
                </settings>""");
        MavenSettings settings = MavenSettings.load(file);

        assertEquals(Path.of(System.getProperty("user.home"), "hearth-test-m2"), settings.localRepository());
        assertTrue(settings.offline());
        RemoteRepository mirror = settings.mirrors().getMirror(CENTRAL);
        assertEquals("https://10.0.0.5/maven2/", mirror.getUrl());
        Proxy proxy = settings.proxies().getProxy(mirror);
        assertEquals("10.0.0.8", proxy.getHost());
        assertEquals(3128, proxy.getPort());
        assertNull(settings.proxies().getProxy(new RemoteRepository.Builder("in", "default", "https://10.1.2.3/m2/").build()),
                "nonProxyHosts are honoured");
        assertNotNull(settings.credentials().getAuthentication(mirror), "the server with the mirror's id gives its credentials");
    }

    @Test
    void noFileMeansMavensDefaultsAndABrokenFileIsAClearError(@TempDir Path dir) throws IOException {
        MavenSettings defaults = MavenSettings.load(dir.resolve("missing.xml"));
        assertEquals(Path.of(System.getProperty("user.home"), ".m2", "repository"), defaults.localRepository());
        assertEquals(false, defaults.offline());
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<settings><mirrors>");
        DependencyException e = assertThrows(DependencyException.class, () -> MavenSettings.load(broken));
        assertTrue(e.getMessage().startsWith("cannot read Maven settings " + broken), e.getMessage());
    }
}
