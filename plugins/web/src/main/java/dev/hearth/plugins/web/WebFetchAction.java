package dev.hearth.plugins.web;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.MimeBundle;
import dev.hearth.api.ParamType;
import org.pf4j.Extension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code web.fetch}: a page's title, readable text, links and Markdown. */
@Extension
public class WebFetchAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("web.fetch")
            .description("Fetches a web page (HTML, plain text or JSON) and returns its title and main readable text "
                    + "as Markdown, with navigation, headers and footers removed, cut after max_chars characters. "
                    + "Settings: web.timeout.seconds, web.max.bytes.")
            .required("url", ParamType.STRING, "the http or https URL of the page")
            .optional("max_chars", ParamType.INTEGER, "most characters of text returned", 20_000)
            .optional("links", ParamType.BOOLEAN, "also list the page's links", false)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) {
        context.checkCancelled(SPEC.name());
        Page page = Page.fetch(SPEC.name(), input.require("url"), context);
        long max = input.integer("max_chars", 20_000);
        String markdown = Page.cut(page.markdown(), max);
        List<Page.Link> links = page.links();
        StringBuilder text = new StringBuilder("# ").append(page.title()).append('\n')
                .append(page.url()).append("\n\n").append(markdown);
        if (page.truncated()) {
            text.append("\n(the page was larger than web.max.bytes; only its beginning was read)\n");
        }
        if (input.bool("links", false) && !links.isEmpty()) {
            text.append("\n## Links\n");
            links.forEach(l -> text.append("- [").append(l.text()).append("](").append(l.url()).append(")\n"));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", page.url().toString());
        data.put("title", page.title());
        data.put("kind", page.kind());
        data.put("text", Page.cut(page.plainText(), max));
        data.put("markdown", markdown);
        data.put("links", links.stream().map(l -> Map.of("text", l.text(), "url", l.url())).collect(Collectors.toList()));
        data.put("truncated", page.truncated());
        return new ActionResult(text.toString(), MimeBundle.markdown(text.toString()), data);
    }
}
