package dev.hearth.plugins.web;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.MimeBundle;
import dev.hearth.api.ParamType;
import org.pf4j.Extension;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code web.links}: the links in a page's main content. */
@Extension
public class WebLinksAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("web.links")
            .description("Fetches a web page and lists the links in its main content (navigation and footers left out), "
                    + "as 'text: absolute URL' lines, optionally only those whose text or URL contains a filter.")
            .required("url", ParamType.STRING, "the http or https URL of the page")
            .optional("filter", ParamType.STRING, "only links whose text or URL contains this (case-insensitive)", null)
            .optional("max_links", ParamType.INTEGER, "most links returned", 100)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) {
        context.checkCancelled(SPEC.name());
        Page page = Page.fetch(SPEC.name(), input.require("url"), context);
        String filter = input.string("filter").map(f -> f.toLowerCase(Locale.ROOT)).orElse("");
        List<Page.Link> links = page.links().stream()
                .filter(l -> (l.text() + " " + l.url()).toLowerCase(Locale.ROOT).contains(filter))
                .limit(input.integer("max_links", 100)).collect(Collectors.toList());
        String text = links.isEmpty() ? "no links on " + page.url() + (filter.isEmpty() ? "" : " matching '" + filter + "'")
                : links.stream().map(l -> l.text() + ": " + l.url()).collect(Collectors.joining("\n")) + "\n";
        String markdown = links.stream().map(l -> "- [" + l.text() + "](" + l.url() + ")").collect(Collectors.joining("\n"));
        return new ActionResult(text, links.isEmpty() ? null : MimeBundle.markdown(markdown),
                links.stream().map(l -> Map.of("text", l.text(), "url", l.url())).collect(Collectors.toList()));
    }
}
