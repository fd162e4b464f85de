package com.example.hearth.greet;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.MimeBundle;
import dev.hearth.api.ParamType;
import org.pf4j.Extension;

import java.util.Locale;
import java.util.Map;

/**
 * {@code greet.hello}: greets someone. A complete action in one class: its self-description
 * (name, description, typed parameters) and what it does. Hearth checks the input against the
 * spec before {@link #invoke} runs, so {@code name} is always there.
 */
@Extension
public class GreetAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("greet.hello")
            .description("Greets someone by name. Returns the greeting as text. "
                    + "The greeting word comes from the setting greet.word (default Hello).")
            .required("name", ParamType.STRING, "who to greet")
            .optional("shout", ParamType.BOOLEAN, "greet in capital letters", false)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) {
        context.checkCancelled(SPEC.name());
        String greeting = context.settings().get("word", "Hello") + ", " + input.require("name") + "!";
        if (input.bool("shout", false)) {
            greeting = greeting.toUpperCase(Locale.ROOT);
        }
        return new ActionResult(greeting, MimeBundle.markdown("**" + greeting + "**"), Map.of("greeting", greeting));
    }
}
