package dev.hearth.kernel;

import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.cell.DiscardingCellContext;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.protocol.Message;
import dev.hearth.kernel.protocol.MessageFactory;
import dev.hearth.kernel.protocol.Signer;
import dev.hearth.kernel.protocol.WireCodec;
import dev.hearth.kernel.session.KernelHandlers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A short run that loads the classes a kernel needs at start and compiles a few cells, so that
 * install-kernel.sh can record them in a class-data-sharing archive, or on JDK 25+ an AOT cache
 * (classes loaded and linked, and method profiles: faster start and first cells). Not for users.
 */
public final class Training {

    /** Cells of the kinds a session starts with: expressions, variables, a method, a record, a class, a magic. */
    private static final List<String> CELLS = List.of(
            "int x = 1 + 1;\nx",
            "var xs = List.of(3, 1, 2); xs.stream().sorted().toList()",
            "int twice(int n) { return 2 * n; }\ntwice(x)",
            "record Point(int x, int y) { }\nnew Point(1, 2)",
            "class Counter { int count; void add() { count++; } }\nvar counter = new Counter(); counter.add(); counter.count",
            "String.format(\"%d items\", xs.size())",
            "%lsmagic");

    private Training() {
    }

    public static void main(String[] args) throws Exception {
        WireCodec codec = new WireCodec(Signer.create("hmac-sha256", "training"), 1 << 20);
        MessageFactory messages = new MessageFactory("training");
        Message reply = messages.reply(new Message(List.of(), messages.header("kernel_info_request"), Map.of(),
                Map.of(), Map.of(), List.of()), "kernel_info_reply", KernelHandlers.kernelInfo());
        codec.decode(codec.encode(reply));
        Path home = Files.createTempDirectory("hearth-training");
        try (Wiring wiring = Wiring.create(HearthConfig.load(Map.of("HEARTH_HOME", home.toString()), home), new CellScope())) {
            for (String cell : CELLS) {
                wiring.interpreter().runner().runCell(cell, new DiscardingCellContext());
            }
        }
        org.zeromq.ZContext context = new org.zeromq.ZContext();
        context.close();
        System.exit(0);
    }
}
