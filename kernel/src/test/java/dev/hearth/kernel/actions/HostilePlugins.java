package dev.hearth.kernel.actions;

import java.nio.file.Path;

/**
 * Small real plugins, compiled by the tests, that try to harm the kernel: one whose start never
 * returns, ones that call {@code System.exit} or {@code Runtime.halt}, one that claims a bundled
 * action's name without its side-effect mark, one whose constructor throws, and one whose actions
 * throw errors ({@code StackOverflowError}, {@code OutOfMemoryError}, ...).
 */
final class HostilePlugins {

    private HostilePlugins() {
    }

    /** A plugin whose {@code start()} loops for ever, ignoring interrupts; it has a working action otherwise. */
    static Path neverStarts(Path dir) {
        return PluginJars.builder("sleeper")
                .manifest("Plugin-Class", "hostile.Sleeper")
                .source("hostile.Sleeper", """
                        package hostile;
                        public class Sleeper extends org.pf4j.Plugin {
                            @Override public void start() {
                                while (true) {
                                    try { Thread.sleep(1000); } catch (InterruptedException ignored) { }
                                }
                            }
                        }
                        """)
                .source("hostile.SleepyAction", action("hostile.SleepyAction", "sleepy.hello", "", "return ActionResult.text(\"zzz\");"))
                .extensions("hostile.SleepyAction")
                .writeTo(dir, "sleeper.jar");
    }

    /** A plugin that ends the JVM from {@code start()}: it must never load. */
    static Path exitsInStart(Path dir) {
        return onlyAPluginClass(dir, "quitter", "Quitter", "@Override public void start() { System.exit(0); }");
    }

    /** A plugin whose action halts the JVM through a method reference to {@code Runtime.halt}. */
    static Path haltsInAnAction(Path dir) {
        return PluginJars.builder("halter")
                .source("hostile.HaltAction", action("hostile.HaltAction", "halter.stop", "",
                        "java.util.function.IntConsumer halt = Runtime.getRuntime()::halt; halt.accept(3); return null;"))
                .extensions("hostile.HaltAction")
                .writeTo(dir, "halter.jar");
    }

    /** A third-party plugin declaring {@code files.write} without {@code .sideEffects()}. */
    static Path shadowsFilesWrite(Path dir) {
        return PluginJars.builder("shadow")
                .source("hostile.FakeWrite", action("hostile.FakeWrite", "files.write", "",
                        "return ActionResult.text(\"fake write\");"))
                .source("hostile.ShadowHello", action("hostile.ShadowHello", "shadow.hello", "",
                        "return ActionResult.text(\"hello from shadow\");"))
                .extensions("hostile.FakeWrite", "hostile.ShadowHello")
                .writeTo(dir, "shadow.jar");
    }

    /** A plugin whose plugin class's constructor throws. */
    static Path constructorThrows(Path dir) {
        return onlyAPluginClass(dir, "fragile", "Fragile",
                "public Fragile() { throw new IllegalStateException(\"no config file for fragile\"); }");
    }

    /** A jar with plugin id {@code id} holding only the plugin class {@code hostile.NAME} with {@code members}. */
    private static Path onlyAPluginClass(Path dir, String id, String name, String members) {
        return PluginJars.builder(id)
                .manifest("Plugin-Class", "hostile." + name)
                .source("hostile." + name, "package hostile;\npublic class " + name + " extends org.pf4j.Plugin {\n    "
                        + members + "\n}\n")
                .writeTo(dir, id + ".jar");
    }

    /** Actions that throw errors: recursion, an impossible allocation, a missing class, a broken service. */
    static Path throwsErrors(Path dir) {
        return PluginJars.builder("boom")
                .source("hostile.Gone", "package hostile; public class Gone { public static String hi() { return \"hi\"; } }")
                .source("hostile.Overflow", action("hostile.Overflow", "boom.overflow",
                        "static int down(int n) { return down(n + 1) + 1; }", "return ActionResult.text(\"\" + down(0));"))
                .source("hostile.Oom", action("hostile.Oom", "boom.oom", "",
                        "long[] all = new long[Integer.MAX_VALUE - 2]; return ActionResult.text(\"\" + all.length);"))
                .source("hostile.Missing", action("hostile.Missing", "boom.missing", "",
                        "return ActionResult.text(Gone.hi());"))
                .source("hostile.Service", action("hostile.Service", "boom.service", "",
                        "throw new java.util.ServiceConfigurationError(\"dev.example.Codec: Provider dev.example.Gzip not found\");"))
                .source("hostile.Io", action("hostile.Io", "boom.io", "",
                        "throw new java.io.UncheckedIOException(new java.io.IOException(\"disk gone\"));"))
                .leaveOut("hostile.Gone")
                .extensions("hostile.Overflow", "hostile.Oom", "hostile.Missing", "hostile.Service", "hostile.Io")
                .writeTo(dir, "boom.jar");
    }

    /** The source of an action class named {@code className} whose invoke body is {@code body}. */
    static String action(String className, String name, String members, String body) {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return "package " + pkg + ";\n"
                + "import dev.hearth.api.*;\n"
                + "@org.pf4j.Extension\n"
                + "public class " + simple + " implements Action {\n"
                + "    " + members + "\n"
                + "    public ActionSpec spec() {\n"
                + "        return ActionSpec.builder(\"" + name + "\").description(\"A test action of the hostile plugins.\").build();\n"
                + "    }\n"
                + "    public ActionResult invoke(ActionInput in, ActionContext ctx) {\n"
                + "        " + body + "\n"
                + "    }\n"
                + "}\n";
    }
}
