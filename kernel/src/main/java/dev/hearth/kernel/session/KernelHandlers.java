package dev.hearth.kernel.session;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.Rendering;
import dev.hearth.kernel.eval.CellFailure;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicRegistry;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.protocol.Message;
import dev.hearth.kernel.protocol.MessageFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The kernel's request handlers, registered in the {@link Dispatcher}. */
public final class KernelHandlers {

    /** The kernel's version, shown in {@code kernel_info_reply}. */
    public static final String VERSION = "0.1.0";

    private final Kernel kernel;
    private final CompletableFuture<SessionServices> services;

    private KernelHandlers(Kernel kernel, CompletableFuture<SessionServices> services) {
        this.kernel = kernel;
        this.services = services;
    }

    /**
     * Registers every handler on {@code dispatcher}. Handlers that need the session wait for
     * {@code services}; {@code kernel_info} and the control requests do not.
     */
    public static void install(Dispatcher dispatcher, Kernel kernel, CompletableFuture<SessionServices> services) {
        KernelHandlers h = new KernelHandlers(kernel, services);
        Dispatcher.Lane shell = Dispatcher.Lane.SHELL;
        Dispatcher.Lane control = Dispatcher.Lane.CONTROL;
        dispatcher.register("kernel_info_request", shell, (req, ctx) -> kernelInfo())
                .register("execute_request", shell, h::execute)
                .register("complete_request", shell, h::complete)
                .register("inspect_request", shell, h::inspect)
                .register("is_complete_request", shell, h::isComplete)
                .register("history_request", shell, h::history)
                .register("comm_info_request", shell, (req, ctx) -> Map.of("status", "ok", "comms", Map.of()))
                .register("comm_open", shell, (req, ctx) -> null)
                .register("comm_msg", shell, (req, ctx) -> null)
                .register("comm_close", shell, (req, ctx) -> null)
                .register("interrupt_request", control, (req, ctx) -> {
                    kernel.interrupt();
                    return Map.of("status", "ok");
                })
                .register("shutdown_request", control, (req, ctx) ->
                        Map.of("status", "ok", "restart", req.bool("restart", false)));
    }

    private SessionServices services() {
        try {
            return services.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the kernel was starting", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the kernel failed to start: " + e.getCause(), e.getCause());
        }
    }

    /** The content of {@code kernel_info_reply}. */
    public static Map<String, Object> kernelInfo() {
        Map<String, Object> languageInfo = new LinkedHashMap<>();
        languageInfo.put("name", "java");
        languageInfo.put("version", String.valueOf(Runtime.version().feature()));
        languageInfo.put("mimetype", "text/x-java-source");
        languageInfo.put("file_extension", ".jshell");
        languageInfo.put("pygments_lexer", "java");
        languageInfo.put("codemirror_mode", "text/x-java");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("protocol_version", MessageFactory.PROTOCOL_VERSION);
        reply.put("implementation", "hearth");
        reply.put("implementation_version", VERSION);
        reply.put("language_info", languageInfo);
        reply.put("banner", "Hearth " + VERSION + " - Java " + Runtime.version()
                + " (JShell) with local AI, memory and actions. %lsmagic lists the magics.");
        reply.put("help_links", List.of());
        reply.put("debugger", false);
        return reply;
    }

    private Map<String, Object> execute(Message request, RequestContext ctx) {
        String code = request.string("code", "");
        boolean silent = request.bool("silent", false);
        boolean store = !silent && request.bool("store_history", true);
        int count = store ? kernel.nextExecutionCount() : kernel.executionCount();
        ctx.publish("execute_input", Map.of("code", code, "execution_count", count));
        Map<String, Object> reply = new LinkedHashMap<>();
        try {
            CellRunner.Outcome outcome = kernel.runAsCurrent(ctx, () -> services().runner().runCell(code, ctx));
            List<Object> payload = new ArrayList<>();
            if (outcome.page() != null) {
                payload.add(Map.of("source", "page", "data", Map.of("text/plain", outcome.page()), "start", 0));
            }
            String text = null;
            if (outcome.hasValue()) {
                Map<String, Object> result = Kernel.executeResult(count, outcome.value(), outcome.text());
                text = String.valueOf(((Map<?, ?>) result.get("data")).get(MimeBundle.TEXT));
                ctx.publish("execute_result", result);
            }
            if (store) {
                services().history().record(count, code, text, outcome.value());
            }
            reply.put("status", "ok");
            reply.put("execution_count", count);
            reply.put("user_expressions", userExpressions(request));
            reply.put("payload", payload);
        } catch (CellFailure failure) {
            ctx.publish("error", Kernel.errorContent(failure));
            if (store) {
                services().history().record(count, code, null);
            }
            services().history().recordError(String.join("\n", failure.traceback()));
            if (request.bool("stop_on_error", true)) {
                kernel.abortQueuedAfterThisRequest();
            }
            reply.put("status", "error");
            reply.put("execution_count", count);
            reply.putAll(Kernel.errorContent(failure));
        }
        return reply;
    }

    private Map<String, Object> userExpressions(Message request) {
        Map<String, Object> results = new LinkedHashMap<>();
        if (!(request.content().get("user_expressions") instanceof Map<?, ?> expressions)) {
            return results;
        }
        for (Map.Entry<?, ?> entry : expressions.entrySet()) {
            Map<String, Object> result = new LinkedHashMap<>();
            try {
                Evaluator.EvalResult value = services().evaluator().eval(String.valueOf(entry.getValue()), Kernel.DISCARD);
                MimeBundle bundle = Rendering.toBundle(value.value(), value.hasValue() ? value.display() : "");
                result.put("status", "ok");
                result.put("data", bundle.data());
                result.put("metadata", bundle.metadata());
            } catch (CellFailure failure) {
                result.put("status", "error");
                result.putAll(Kernel.errorContent(failure));
            }
            results.put(String.valueOf(entry.getKey()), result);
        }
        return results;
    }

    private Map<String, Object> complete(Message request, RequestContext ctx) {
        String code = request.string("code", "");
        int cursor = Text.toUtf16(code, request.integer("cursor_pos", code.codePointCount(0, code.length())));
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        String line = code.substring(lineStart, cursor);
        List<String> matches;
        int start;
        if (line.stripLeading().startsWith("%")) {
            int indent = line.length() - line.stripLeading().length();
            String typed = line.stripLeading();
            int lastSpace = typed.lastIndexOf(' ');
            if (lastSpace < 0) {
                matches = services().magics().invocations().stream().filter(n -> n.startsWith(typed)).toList();
                start = lineStart + indent;
            } else {
                String word = typed.substring(lastSpace + 1);
                matches = magicArgumentCandidates(typed).stream().filter(c -> c.startsWith(word)).toList();
                start = cursor - word.length();
            }
        } else if (code.stripLeading().startsWith("%%")) {
            matches = List.of();
            start = cursor;
        } else {
            Evaluator.Completion completion = services().evaluator().complete(code, cursor);
            matches = completion.matches();
            start = completion.start();
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("matches", matches);
        reply.put("cursor_start", Text.toCodePoints(code, start));
        reply.put("cursor_end", Text.toCodePoints(code, cursor));
        reply.put("metadata", Map.of());
        return reply;
    }

    private List<String> magicArgumentCandidates(String typedLine) {
        String name = typedLine.replaceFirst("^%+", "").split("\\s+", 2)[0];
        Optional<Magic> magic = services().magics().find(name);
        if (magic.isEmpty()) {
            return List.of();
        }
        MagicSpec spec = magic.get().spec();
        List<String> candidates = new ArrayList<>();
        String[] words = typedLine.strip().split("\\s+");
        if (words.length <= 2 && !typedLine.endsWith(" ") || words.length == 1) {
            candidates.addAll(spec.subcommands());
        }
        spec.params().forEach(p -> candidates.add("--" + p.name()));
        // room: actions
        candidates.addAll(magic.get().argumentCandidates(List.of(typedLine.replaceFirst("^%+", "").stripLeading().split("\\s+", -1))));
        // end room: actions
        return candidates;
    }

    private Map<String, Object> inspect(Message request, RequestContext ctx) {
        String code = request.string("code", "");
        int cursor = Text.toUtf16(code, request.integer("cursor_pos", code.codePointCount(0, code.length())));
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        int lineEnd = code.indexOf('\n', cursor);
        String line = code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd).strip();
        Optional<MimeBundle> doc;
        if (line.startsWith("%")) {
            String name = line.replaceFirst("^%+", "").split("\\s+", 2)[0];
            doc = services().magics().find(name).map(m -> MimeBundle.text(m.spec().fullHelp()));
        } else {
            doc = services().evaluator().inspectRich(code, cursor, request.integer("detail_level", 0));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("found", doc.isPresent());
        reply.put("data", doc.map(MimeBundle::data).orElse(Map.of()));
        reply.put("metadata", Map.of());
        return reply;
    }

    private Map<String, Object> isComplete(Message request, RequestContext ctx) {
        String code = request.string("code", "");
        String stripped = code.strip();
        Map<String, Object> reply = new LinkedHashMap<>();
        if (stripped.startsWith("%%")) {
            boolean done = code.endsWith("\n\n") || code.endsWith("\n") && code.strip().lines().count() > 1
                    && code.lines().reduce((a, b) -> b).orElse("x").isBlank();
            reply.put("status", done ? "complete" : "incomplete");
            reply.put("indent", "");
            return reply;
        }
        StringBuilder java = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            String lead = line.stripLeading();
            java.append(lead.startsWith("%") || lead.startsWith("?") ? "" : line).append('\n');
        }
        Evaluator.Completeness completeness = stripped.endsWith("?") && !stripped.contains("\n")
                ? new Evaluator.Completeness("complete", "") : services().evaluator().isComplete(java.toString());
        reply.put("status", completeness.status());
        if ("incomplete".equals(completeness.status())) {
            reply.put("indent", completeness.indent());
        }
        return reply;
    }

    private Map<String, Object> history(Message request, RequestContext ctx) {
        boolean output = request.bool("output", false);
        String access = request.string("hist_access_type", "tail");
        List<ExecutionHistory.Entry> entries = switch (access) {
            case "range" -> services().history().range(request.integer("session", 0), request.integer("start", 1),
                    request.integer("stop", 0));
            case "search" -> services().history().search(request.string("pattern", "*"), request.integer("n", 0),
                    request.bool("unique", false));
            default -> services().history().tail(request.integer("n", 10));
        };
        List<Object> rows = new ArrayList<>();
        for (ExecutionHistory.Entry entry : entries) {
            Object cell = output ? List.of(entry.input(), entry.output() == null ? "" : entry.output()) : entry.input();
            rows.add(List.of(entry.session(), entry.line(), cell));
        }
        return Map.of("status", "ok", "history", rows);
    }
}
