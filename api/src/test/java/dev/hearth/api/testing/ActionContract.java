package dev.hearth.api.testing;

import dev.hearth.api.Action;
import dev.hearth.api.ActionCancelledException;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionParam;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.Cancellation;
import dev.hearth.api.InvalidInputException;
import dev.hearth.api.MimeBundle;
import dev.hearth.api.ParamType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract every {@link Action} keeps, written once and inherited by every action's test
 * (bundled or third-party). Subclass it in your plugin's tests:
 *
 * <pre>{@code
 * class GreetActionContractTest extends ActionContract {
 *     protected Action action() { return new GreetAction(); }
 *     protected Map<String, Object> sampleInput() { return Map.of("name", "Ada"); }
 * }
 * }</pre>
 *
 * It checks that the action describes itself completely (so {@code %help}, {@code %actions} and
 * the model's tool list are right), that bad input is refused before it runs with a message
 * naming the parameter, that it is indexed as a PF4J extension (the annotation processor ran),
 * and that a sample call gives a usable result and honours an interrupt.
 */
public abstract class ActionContract {

    /** The action under test (a fresh instance is fine). */
    protected abstract Action action();

    /**
     * A valid input that succeeds in a test run (against local fixtures), or {@code null} when the
     * action cannot be invoked in this test; the invocation tests are then skipped.
     */
    protected abstract Map<String, Object> sampleInput();

    /** The context for sample calls; override to give settings (e.g. a root directory). */
    protected ActionContext context() {
        return ActionContext.builder().build();
    }

    private ActionSpec spec() {
        ActionSpec spec = action().spec();
        assertNotNull(spec, "spec() must not return null");
        return spec;
    }

    @Test
    void describesItselfForPeopleAndModels() {
        ActionSpec spec = spec();
        assertFalse(spec.summary().isBlank(), spec.name() + ": the description needs a first sentence");
        assertTrue(spec.description().length() >= 20,
                spec.name() + ": the description is what a model reads; say what it does and returns");
        for (ActionParam p : spec.params()) {
            assertFalse(p.description().isBlank(), spec.name() + ": parameter '" + p.name() + "' needs a description");
        }
        assertEquals(spec, action().spec(), spec.name() + ": spec() must describe the same action every time");
    }

    @Test
    void toolSchemaListsEveryParameter() {
        ActionSpec spec = spec();
        assertTrue(spec.toolName().matches("[a-zA-Z0-9_-]{1,64}"), "tool name " + spec.toolName());
        Map<String, Object> schema = spec.jsonSchema();
        assertEquals("object", schema.get("type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        assertEquals(spec.params().stream().map(ActionParam::name).collect(Collectors.toList()),
                new ArrayList<>(properties.keySet()));
        assertEquals(spec.params().stream().filter(ActionParam::required).map(ActionParam::name)
                .collect(Collectors.toList()), schema.get("required"));
        for (ActionParam p : spec.params()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> property = (Map<String, Object>) properties.get(p.name());
            assertEquals(p.type().jsonType(), property.get("type"), spec.name() + ": type of '" + p.name() + "'");
            assertEquals(p.allowed().isEmpty() ? null : p.allowed(), property.get("enum"), spec.name() + ": values of '" + p.name() + "'");
            if (p.defaultValue() != null) {
                assertEquals(p.defaultValue(), property.get("default"), spec.name() + ": default of '" + p.name() + "'");
                assertTrue(String.valueOf(property.get("description")).contains("(default " + p.defaultValue() + ")"),
                        spec.name() + ": a model reads the default of '" + p.name() + "' in its description");
            }
        }
    }

    @Test
    void usageNamesEveryParameter() {
        ActionSpec spec = spec();
        String usage = spec.usage();
        assertTrue(usage.contains(spec.name()), usage);
        spec.params().forEach(p -> assertTrue(usage.contains(p.name()), "usage lacks " + p.name() + ":\n" + usage));
    }

    @Test
    void refusesAnUnknownParameterByName() {
        Map<String, Object> input = new HashMap<>(Optional.ofNullable(sampleInput()).orElse(Map.of()));
        input.put("no_such_parameter", "x");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> spec().validate(input));
        assertEquals("no_such_parameter", e.parameter());
        assertTrue(e.getMessage().contains("no_such_parameter"), e.getMessage());
    }

    @Test
    void refusesAMissingRequiredParameterByName() {
        ActionSpec spec = spec();
        Optional<ActionParam> required = spec.params().stream().filter(ActionParam::required).findFirst();
        Assumptions.assumeTrue(required.isPresent(), "no required parameter");
        Map<String, Object> input = new HashMap<>(Optional.ofNullable(sampleInput()).orElse(Map.of()));
        input.remove(required.get().name());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> spec.validate(input));
        assertTrue(e.getMessage().contains(required.get().name()), e.getMessage());
    }

    @Test
    void refusesAValueOfTheWrongKindByName() {
        ActionSpec spec = spec();
        Optional<ActionParam> typed = spec.params().stream().filter(p -> p.type() != ParamType.STRING).findFirst();
        Assumptions.assumeTrue(typed.isPresent(), "no parameter other than text");
        Map<String, Object> input = new HashMap<>(Optional.ofNullable(sampleInput()).orElse(Map.of()));
        input.put(typed.get().name(), "not-a-value-of-this-kind");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> spec.validate(input));
        assertTrue(e.getMessage().contains(typed.get().name()), e.getMessage());
    }

    @Test
    void isIndexedAsAPluginExtension() throws IOException {
        Class<?> type = action().getClass();
        assertTrue(Modifier.isPublic(type.getModifiers()), type + " must be public");
        assertTrue(type.isAnnotationPresent(org.pf4j.Extension.class), type + " needs @org.pf4j.Extension");
        List<String> indexed = new ArrayList<>();
        Enumeration<URL> indexes = type.getClassLoader().getResources("META-INF/extensions.idx");
        while (indexes.hasMoreElements()) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(indexes.nextElement().openStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().map(String::strip).forEach(indexed::add);
            }
        }
        if (!indexed.contains(type.getName())) {
            fail(type.getName() + " is not in META-INF/extensions.idx: name PF4J's annotation processor "
                    + "(org.pf4j.processor.ExtensionAnnotationProcessor) in the compiler's annotationProcessorPaths");
        }
    }

    @Test
    void sampleCallGivesAUsableResult() throws Exception {
        Map<String, Object> sample = sampleInput();
        Assumptions.assumeTrue(sample != null, "no sample input");
        ActionResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> action().invoke(spec().validate(sample), context()));
        assertNotNull(result, "invoke must return a result");
        assertFalse(result.text().isBlank(), "the result needs text for people and models");
        MimeBundle bundle = result.toMimeBundle();
        assertNotNull(bundle.plainText(), "the rich output needs a text/plain fallback");
    }

    @Test
    void anInterruptedCallEndsPromptly() {
        Map<String, Object> sample = sampleInput();
        Assumptions.assumeTrue(sample != null, "no sample input");
        Cancellation.Flag flag = Cancellation.flag();
        flag.cancel();
        ActionContext base = context();
        ActionContext cancelled = ActionContext.builder().settings(base.settings()).origin(base.origin())
                .logger(base.logger()).cancellation(flag).build();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                action().invoke(spec().validate(sample), cancelled);
            } catch (ActionCancelledException e) {
                // the preferred answer
            } catch (ActionException e) {
                // also fine: stopped with a clear message
            }
        });
    }
}
