package dev.hearth.api;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowsTest {

    record Sale(String month, double total) {
    }

    public static final class Person {
        public String getName() {
            return "Ada";
        }

        public boolean isActive() {
            return true;
        }

        public int getAge() {
            return 36;
        }

        public String greet() {
            return "not a getter";
        }
    }

    private static final class Broken {
        public String getName() {
            throw new IllegalStateException("no name yet");
        }
    }

    @Test
    void recordsGiveTheirComponentsInDeclarationOrder() {
        assertEquals(List.of("month", "total"), List.copyOf(Rows.fields(new Sale("May", 12.5)).keySet()));
        assertEquals(12.5, Rows.fields(new Sale("May", 12.5)).get("total"));
    }

    @Test
    void beansGiveTheirGettersByPropertyName() {
        assertEquals(Map.of("active", true, "age", 36, "name", "Ada"), Rows.fields(new Person()));
        assertEquals(List.of("active", "age", "name"), List.copyOf(Rows.fields(new Person()).keySet()));
    }

    @Test
    void mapsGiveTheirKeysAsText() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "one");
        map.put("two", null);
        Map<String, Object> fields = Rows.fields(map);
        assertEquals(List.of("1", "two"), List.copyOf(fields.keySet()));
        assertTrue(fields.containsKey("two"));
    }

    @Test
    void theJdksOwnValuesAreNotRows() {
        for (Object value : List.of("text", 42, List.of(1), java.time.LocalDate.of(2024, 1, 1), new Object(),
                Thread.State.NEW)) {
            assertFalse(Rows.isRow(value), value.toString());
        }
        assertTrue(Rows.isTable(List.of(new Sale("May", 1), Map.of("month", "June"))));
        assertFalse(Rows.isTable(List.of(new Sale("May", 1), "text")));
        assertFalse(Rows.isTable(List.of()));
        assertFalse(Rows.isTable(java.util.Arrays.asList(new Sale("May", 1), null)));
    }

    @Test
    void columnsAreTheUnionInOrderOfFirstAppearance() {
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("c", 3);
        second.put("a", 1);
        second.put("b", 2);
        assertEquals(List.of("a", "c", "b"), Rows.columns(List.of(Map.of("a", 1), second)));
    }

    @Test
    void aFailingGetterNamesItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rows.fields(new Broken()));
        assertTrue(e.getMessage().contains("getName() of Broken failed") && e.getMessage().contains("no name yet"),
                e.getMessage());
    }
}
