package dev.hearth.kernel.deps;

import org.apache.maven.model.Model;
import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a {@code %%pom} cell: a {@code <dependencies>} block (or bare {@code <dependency>}
 * elements), optionally {@code <repositories>} and {@code <properties>} (for {@code ${...}} in
 * versions), or a whole {@code <project>}; read with Maven's own model reader.
 */
final class PomSnippet {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private PomSnippet() {
    }

    static MavenRequest parse(String xml, boolean offline) {
        Model model = read(wrap(xml.strip()));
        Properties properties = model.getProperties();
        List<Dependency> dependencies = new ArrayList<>();
        for (org.apache.maven.model.Dependency d : model.getDependencies()) {
            String coordinates = d.getGroupId() + ":" + d.getArtifactId() + ":" + interpolate(d.getVersion(), properties);
            if (d.getGroupId() == null || d.getArtifactId() == null || d.getVersion() == null) {
                throw new DependencyException("%%pom: each <dependency> needs <groupId>, <artifactId> and <version>; got "
                        + coordinates);
            }
            MavenRequest.artifact(coordinates); // same checks as %maven
            String type = d.getType() == null ? "jar" : d.getType();
            String extension = type.equals("test-jar") ? "jar" : type;
            String classifier = type.equals("test-jar") && d.getClassifier() == null ? "tests" : d.getClassifier();
            List<Exclusion> exclusions = d.getExclusions().stream()
                    .map(e -> new Exclusion(e.getGroupId(), e.getArtifactId(), "*", "*")).toList();
            dependencies.add(new Dependency(new DefaultArtifact(d.getGroupId(), d.getArtifactId(), classifier, extension,
                    interpolate(d.getVersion(), properties)), "runtime", false, exclusions));
        }
        if (dependencies.isEmpty()) {
            throw new DependencyException("%%pom: no <dependency> found; give a <dependencies> block");
        }
        List<String> repositories = model.getRepositories().stream().map(Repository::getUrl).toList();
        return new MavenRequest(dependencies, repositories, offline);
    }

    private static String wrap(String xml) {
        if (xml.startsWith("<?xml") || xml.startsWith("<project")) {
            return xml;
        }
        String body = xml.startsWith("<dependency>") ? "<dependencies>" + xml + "</dependencies>" : xml;
        return "<project><modelVersion>4.0.0</modelVersion>" + body + "</project>";
    }

    private static Model read(String xml) {
        try {
            return new MavenXpp3Reader().read(new StringReader(xml), true);
        } catch (XmlPullParserException e) {
            throw new DependencyException("%%pom: not a valid <dependencies> block: " + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new DependencyException("%%pom: cannot read the block: " + e.getMessage(), e);
        }
    }

    private static String interpolate(String value, Properties properties) {
        if (value == null) {
            return null;
        }
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.getProperty(m.group(1));
            if (replacement == null) {
                throw new DependencyException("%%pom: ${" + m.group(1) + "} is not defined; add it to a <properties> block");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
