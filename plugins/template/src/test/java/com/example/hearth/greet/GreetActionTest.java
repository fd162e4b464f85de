package com.example.hearth.greet;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionSettings;
import dev.hearth.api.testing.ActionContract;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The contract from hearth-api's test-jar, plus this action's own behaviour. */
class GreetActionTest extends ActionContract {

    @Override
    protected Action action() {
        return new GreetAction();
    }

    @Override
    protected Map<String, Object> sampleInput() {
        return Map.of("name", "Ada");
    }

    @Test
    void greetsWithTheConfiguredWord() throws Exception {
        GreetAction action = new GreetAction();
        ActionContext context = ActionContext.builder().settings(ActionSettings.of(Map.of("word", "Hi"))).build();
        assertEquals("HI, ADA!", action.invoke(action.spec().validate(Map.of("name", "Ada", "shout", "true")), context).text());
    }
}
