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
 * A short run that loads the classes a kernel needs at start, so that install-kernel.sh can
 * record them in a class-data-sharing archive (faster cold start). Not for users.
 */
public final class Training {

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
            wiring.interpreter().runner().runCell("int x = 1 + 1;\nx", new DiscardingCellContext());
            wiring.interpreter().runner().runCell("%lsmagic", new DiscardingCellContext());
        }
        org.zeromq.ZContext context = new org.zeromq.ZContext();
        context.close();
        System.exit(0);
    }
}
