package dev.hearth.kernel.render;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.RenderOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableRendererTest {

    record Person(String name, int age) {
    }

    public static final class Pet {
        public String getName() {
            return "Rex <dog>";
        }

        public String getKind() {
            return "dog";
        }
    }

    private final TableRenderer tables = new TableRenderer();

    private String html(Object value, int maxRows) {
        assertTrue(tables.accepts(value), () -> String.valueOf(value));
        return (String) tables.render(value, new RenderOptions(maxRows)).data().get(MimeBundle.HTML);
    }

    @Test
    void recordsBecomeOneColumnPerComponent() {
        String html = html(List.of(new Person("Ada", 36), new Person("Alan", 41)), 50);
        assertTrue(html.contains("<thead><tr><th>name</th><th>age</th></tr></thead>"), html);
        assertTrue(html.contains("<tr><td>Ada</td><td>36</td></tr>") && html.contains("<tr><td>Alan</td><td>41</td></tr>"), html);
        assertFalse(html.contains("more row"), html);
    }

    @Test
    void beansAndMapsToo_andCellsAreEscaped() {
        String beans = html(List.of(new Pet()), 50);
        assertTrue(beans.contains("<th>kind</th><th>name</th>") && beans.contains("<td>dog</td><td>Rex &lt;dog&gt;</td>"), beans);
        Map<String, Object> first = new LinkedHashMap<>(Map.of("city", "Paris"));
        String maps = html(List.of(first, Map.of("city", "Oslo", "rain", 3)), 50);
        assertTrue(maps.contains("<th>city</th><th>rain</th>"), maps);
        assertTrue(maps.contains("<tr><td>Paris</td><td></td></tr>"), "a missing key is an empty cell: " + maps);
    }

    @Test
    void aMapIsATableOfKeysAndValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("<b>", 1);
        map.put("two", List.of(2));
        String html = html(map, 50);
        assertTrue(html.contains("<th>key</th><th>value</th>"), html);
        assertTrue(html.contains("<tr><td>&lt;b&gt;</td><td>1</td></tr>\n<tr><td>two</td><td>[2]</td></tr>"), html);
    }

    @Test
    void rowsStopAtTheLimitWithACountOfTheRest() {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            people.add(new Person("p" + i, i));
        }
        String html = html(people, 10);
        assertEquals(10, html.split("<tr><td>", -1).length - 1);
        assertTrue(html.contains("1,224 more rows (display.max.rows is 10)"), html);
    }

    @Test
    void aHugeViewIsNeverWalked() {
        List<Person> endless = java.util.Collections.nCopies(Integer.MAX_VALUE, new Person("Ada", 36));
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            String html = html(endless, 2);
            assertTrue(html.contains("2,147,483,645 more rows"), html);
        });
    }

    @Test
    void otherValuesAreNotTables() {
        for (Object value : List.of(List.of(1, 2), List.of(), Map.of(), List.of(new Person("a", 1), "b"), "text")) {
            assertFalse(tables.accepts(value), String.valueOf(value));
        }
    }
}
