package dev.hearth.kernel.ai;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicArgs;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicParam;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

/** {@code %%chat} and {@code %chat list|show|reset}. */
final class ChatMagic implements Magic {

    private final AiMagicRequests requests;
    private final Ai ai;

    private final MagicSpec spec = AiMagicRequests.roomOptions(AiMagicRequests.modelOptions(MagicSpec.builder("chat", MagicSpec.Kind.LINE_AND_CELL)))
            .usage("%%chat [--session NAME] [MODEL] + message  |  %chat list|show NAME|reset NAME")
            .summary("A multi-turn conversation with a model, saved under the Hearth home")
            .option("session", MagicParam.Type.STRING, "the conversation (default: default)")
            .subcommands("list", "show", "reset")
            .build();

    ChatMagic(AiMagicRequests requests) {
        this.requests = requests;
        this.ai = requests.ai();
    }

    @Override
    public MagicSpec spec() {
        return spec;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        MagicArgs args = call.args();
        if (!call.cellMagic()) {
            String sub = args.requirePositional(0, "list, show NAME or reset NAME");
            switch (sub) {
                case "list" -> {
                    StringBuilder out = new StringBuilder();
                    ai.chats().list().forEach((name, turns) -> out.append(name).append("  ").append(turns).append(" turns\n"));
                    return MimeBundle.text(out.length() == 0 ? "No chats yet. Start one with %%chat." : out.toString());
                }
                case "show" -> {
                    String name = args.requirePositional(1, "session NAME");
                    StringBuilder out = new StringBuilder();
                    for (ChatStore.Turn turn : ai.chats().load(name)) {
                        out.append("**").append(turn.role()).append("**: ").append(turn.content()).append("\n\n");
                        if (!turn.sources().isEmpty()) {
                            out.append("*Sources:* ").append(String.join("; ", turn.sources())).append("\n\n");
                        }
                    }
                    return MimeBundle.markdown(out.length() == 0 ? "Chat " + name + " is empty." : out.toString());
                }
                case "reset" -> {
                    String name = args.requirePositional(1, "session NAME");
                    return MimeBundle.text(ai.chats().reset(name) ? "Chat " + name + " cleared." : "No chat named " + name + ".");
                }
                default -> throw new MagicUsageException("%chat: unknown subcommand '" + sub
                        + "': use list, show NAME or reset NAME (or %%chat for a message)", spec);
            }
        }
        String session = args.string("session").orElse("default");
        String model = args.positional(0).orElse(null);
        if (call.body().isBlank()) {
            throw new MagicUsageException("%%chat: write the message in the cell body", spec);
        }
        AiRequest request = requests.request(spec, args, model, requests.template().fillWithImages(call.body()), null);
        if (args.flag("dry-run")) {
            return requests.dryRun(request, session);
        }
        AiAnswer answer = ai.chat(session, request, ctx);
        requests.bindAnswer(null, answer);
        return AiMagicRequests.endOf(answer);
    }
}
