package dev.hearth.api.chart;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartTest {

    record Sale(String month, String shop, double total) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> values(Map<String, Object> spec) {
        return (List<Map<String, Object>>) map(spec.get("data")).get("values");
    }

    @Test
    void aLineFromTwoListsIsAVegaLiteSpecWithItsDataInline() {
        Map<String, Object> spec = Chart.line(List.of(1, 2, 3), List.of(2.5, 4.0, 3.5)).title("Load").toVegaLite();
        assertEquals("Load", spec.get("title"));
        assertEquals("line", map(spec.get("mark")).get("type"));
        assertEquals(List.of(Map.of("x", 1, "y", 2.5), Map.of("x", 2, "y", 4.0), Map.of("x", 3, "y", 3.5)), values(spec));
        Map<String, Object> encoding = map(spec.get("encoding"));
        assertEquals("x", map(encoding.get("x")).get("field"));
        assertEquals("quantitative", map(encoding.get("x")).get("type"));
        assertEquals("quantitative", map(encoding.get("y")).get("type"));
        assertFalse(encoding.containsKey("color"));
    }

    @Test
    void barsFromRecordsByFieldKeepTheirOrderAndSplitBySeries() {
        List<Sale> sales = List.of(new Sale("May", "north", 10), new Sale("April", "north", 7), new Sale("May", "south", 4));
        Chart chart = Chart.bar(sales, "month", "total").by("shop");
        Map<String, Object> spec = chart.toVegaLite();
        assertEquals("bar", map(spec.get("mark")).get("type"));
        Map<String, Object> x = map(map(spec.get("encoding")).get("x"));
        assertEquals("nominal", x.get("type"));
        assertTrue(x.containsKey("sort") && x.get("sort") == null, "categories keep the order given: " + x);
        assertEquals("shop", map(map(spec.get("encoding")).get("color")).get("field"));
        assertEquals(Map.of("month", "May", "total", 10.0, "shop", "north"), values(spec).get(0));
        assertEquals("bar chart (3 points)", chart.toString());
    }

    @Test
    void datesGoOnAUtcTimeAxis() {
        Map<String, Object> spec = Chart.line(List.of(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 2)), List.of(1, 2))
                .toVegaLite();
        Map<String, Object> x = map(map(spec.get("encoding")).get("x"));
        assertEquals("temporal", x.get("type"));
        assertEquals(Map.of("type", "utc"), x.get("scale"));
        assertEquals("2024-05-01T00:00:00Z", values(spec).get(0).get("x"));
    }

    @Test
    void aHistogramCountsEqualWidthBins() {
        Chart chart = Chart.histogram(List.of(1, 2, 2, 3, 9, 10), 3);
        List<Map<String, Object>> bins = chart.data();
        assertEquals(3, bins.size());
        assertEquals(List.of(4L, 0L, 2L), bins.stream().map(b -> b.get("count")).toList());
        assertEquals(1.0, bins.get(0).get("start"));
        assertEquals(10.0, bins.get(2).get("end"));
        Map<String, Object> encoding = map(chart.toVegaLite().get("encoding"));
        assertEquals(Map.of("binned", true), map(encoding.get("x")).get("bin"));
        assertEquals("end", map(encoding.get("x2")).get("field"));
        assertEquals("count", map(encoding.get("y")).get("field"));
    }

    @Test
    void dottedFieldNamesAreEscapedAndNonFiniteNumbersBecomeNull() {
        Map<String, Object> spec = Chart.scatter(List.of(Map.of("a.b", 1, "y", Double.NaN)), "a.b", "y").toVegaLite();
        assertEquals("a\\.b", map(map(spec.get("encoding")).get("x")).get("field"));
        assertNull(values(spec).get(0).get("y"));
        assertEquals("point", map(spec.get("mark")).get("type"));
    }

    @Test
    void badInputFailsAtOnceNamingTheFieldAndRow() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Chart.line(List.of(1, 2), List.of(1)))
                .getMessage().contains("x has 2 values but y has 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Chart.bar(List.of(new Sale("May", "n", 1)), "month", "amount"))
                .getMessage().contains("row 0 has no field 'amount'; its fields are [month, shop, total]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Chart.line(List.of(new Sale("May", "n", 1)), "total", "month"))
                .getMessage().contains("'month' of row 0 is a String (May), not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Chart.scatter(List.of("a"), List.of(1)))
                .getMessage().contains("needs numbers or dates for x"));
        assertThrows(IllegalArgumentException.class, () -> Chart.histogram(List.of(1), 0));
        List<Integer> many = java.util.Collections.nCopies(Chart.MAX_POINTS + 1, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Chart.line(many, many)).getMessage()
                .startsWith("100,001 points are more than a chart shows (100,000)"));
        assertEquals(Chart.MAX_POINTS + 1L, Chart.histogram(many).data().get(0).get("count"));
        assertThrows(IllegalArgumentException.class, () -> Chart.line(List.of(1)).by("shop"));
    }
}
