package dev.hearth.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Values read as rows of named fields, for tables and charts: a record (its components, in
 * declaration order), a {@link Map} (its keys, as text) or a bean (a class of your own with public
 * getters {@code getX()}/{@code isX()}, by property name in alphabetical order).
 *
 * <pre>{@code
 * record Sale(String month, double total) {}
 * Rows.fields(new Sale("May", 12.5))   // {month=May, total=12.5}
 * }</pre>
 */
public final class Rows {

    private Rows() {
    }

    /** Whether {@code value} is a row: a record, a {@link Map} or a bean. */
    public static boolean isRow(Object value) {
        if (value == null) {
            return false;
        }
        Class<?> type = value.getClass();
        return value instanceof Map || type.isRecord() || !getters(type).isEmpty();
    }

    /**
     * Whether {@code values} holds at least one element and every element is a row (a list of
     * records, beans or maps).
     */
    public static boolean isTable(Collection<?> values) {
        if (values == null || values.isEmpty()) {
            return false;
        }
        Set<Class<?>> seen = new java.util.HashSet<>();
        for (Object value : values) {
            if (value == null) {
                return false;
            }
            if (seen.add(value.getClass()) && !isRow(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The fields of {@code row} by name, in order.
     *
     * @throws IllegalArgumentException when {@code row} is not a row, or a getter fails (with its cause)
     */
    public static Map<String, Object> fields(Object row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (row instanceof Map<?, ?> map) {
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return fields;
        }
        if (row == null) {
            throw new IllegalArgumentException("a row cannot be null");
        }
        Class<?> type = row.getClass();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                fields.put(component.getName(), read(component.getAccessor(), row));
            }
            return fields;
        }
        Map<String, Method> getters = getters(type);
        if (getters.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " is not a record, a Map or a bean with getters");
        }
        getters.forEach((name, getter) -> fields.put(name, read(getter, row)));
        return fields;
    }

    /** The column names of {@code rows}: every field name, in order of first appearance. */
    public static List<String> columns(List<Map<String, Object>> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(row -> names.addAll(row.keySet()));
        return new ArrayList<>(names);
    }

    private static Object read(Method accessor, Object row) {
        try {
            accessor.trySetAccessible(); // classes declared in a cell are not public
            return accessor.invoke(row);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(accessor.getName() + "() of " + row.getClass().getSimpleName()
                    + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(accessor.getName() + "() of " + row.getClass().getName()
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A bean's getters by property name, sorted; none for the JDK's own classes, enums and arrays. */
    private static Map<String, Method> getters(Class<?> type) {
        Module module = type.getModule();
        if (type.isArray() || type.isEnum() || type.isPrimitive() || Collection.class.isAssignableFrom(type)
                || module.isNamed() && (module.getName().startsWith("java.") || module.getName().startsWith("jdk."))) {
            return Map.of();
        }
        Map<String, Method> getters = new TreeMap<>();
        for (Method method : type.getMethods()) {
            String property = property(method);
            if (property != null) {
                getters.putIfAbsent(property, method);
            }
        }
        return getters;
    }

    private static String property(Method method) {
        if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                || method.getDeclaringClass() == Object.class || method.getReturnType() == void.class) {
            return null;
        }
        String name = method.getName();
        int prefix = name.startsWith("get") ? 3
                : name.startsWith("is") && method.getReturnType() == boolean.class ? 2 : 0;
        if (prefix == 0 || name.length() == prefix || !Character.isUpperCase(name.charAt(prefix))) {
            return null;
        }
        return Character.toLowerCase(name.charAt(prefix)) + name.substring(prefix + 1);
    }
}
