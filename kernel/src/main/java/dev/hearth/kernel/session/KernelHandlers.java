package dev.hearth.kernel.session;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.eval.CellFailure;
import dev.hearth.kernel.interpreter.Interpreter;
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
    private final CompletableFuture<? extends Interpreter> interpreter;

    private KernelHandlers(Kernel kernel, CompletableFuture<? extends Interpreter> interpreter) {
        this.kernel = kernel;
        this.interpreter = interpreter;
    }

    /**
     * Registers every handler on {@code dispatcher}. Handlers that need the session wait for
     * {@code interpreter}; {@code kernel_info} and the control requests do not.
     */
    public static void install(Dispatcher dispatcher, Kernel kernel, CompletableFuture<? extends Interpreter> interpreter) {
        KernelHandlers h = new KernelHandlers(kernel, interpreter);
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

    private Interpreter interpreter() {
        try {
            return interpreter.get();
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
            Interpreter.Executed executed = kernel.runAsCurrent(ctx, () -> interpreter().execute(count, code, store, ctx));
            List<Object> payload = new ArrayList<>();
            if (executed.page() != null) {
                payload.add(Map.of("source", "page", "data", Map.of("text/plain", executed.page()), "start", 0));
            }
            if (ctx.nextInput() != null) {
                payload.add(Map.of("source", "set_next_input", "text", ctx.nextInput(), "replace", false));
            }
            if (executed.result() != null) {
                ctx.publish("execute_result", Kernel.executeResult(count, executed.result()));
            }
            reply.put("status", "ok");
            reply.put("execution_count", count);
            reply.put("user_expressions", userExpressions(request));
            reply.put("payload", payload);
        } catch (CellFailure failure) {
            ctx.publish("error", Kernel.errorContent(failure));
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
                MimeBundle bundle = interpreter().evaluateExpression(String.valueOf(entry.getValue()));
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
        Interpreter.Completion completion = interpreter().complete(code, cursor);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("matches", completion.matches());
        reply.put("cursor_start", Text.toCodePoints(code, completion.start()));
        reply.put("cursor_end", Text.toCodePoints(code, completion.end()));
        reply.put("metadata", Map.of());
        return reply;
    }

    private Map<String, Object> inspect(Message request, RequestContext ctx) {
        String code = request.string("code", "");
        int cursor = Text.toUtf16(code, request.integer("cursor_pos", code.codePointCount(0, code.length())));
        Optional<String> doc = interpreter().inspect(code, cursor, request.integer("detail_level", 0));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("found", doc.isPresent());
        reply.put("data", doc.map(d -> Map.<String, Object>of("text/plain", d)).orElse(Map.of()));
        reply.put("metadata", Map.of());
        return reply;
    }

    private Map<String, Object> isComplete(Message request, RequestContext ctx) {
        Interpreter.Completeness completeness = interpreter().isComplete(request.string("code", ""));
        Map<String, Object> reply = new LinkedHashMap<>();
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
            case "range" -> interpreter().history().range(request.integer("session", 0), request.integer("start", 1),
                    request.integer("stop", 0));
            case "search" -> interpreter().history().search(request.string("pattern", "*"), request.integer("n", 0),
                    request.bool("unique", false));
            default -> interpreter().history().tail(request.integer("n", 10));
        };
        List<Object> rows = new ArrayList<>();
        for (ExecutionHistory.Entry entry : entries) {
            Object cell = output ? List.of(entry.input(), entry.output() == null ? "" : entry.output()) : entry.input();
            rows.add(List.of(entry.session(), entry.line(), cell));
        }
        return Map.of("status", "ok", "history", rows);
    }
}
