package dev.arbiter.steering.constraint.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Generates a JSON Schema (2020-12) from a Java record or class, matching how Jackson writes it by default. See
 * {@link dev.arbiter.steering.constraint.JsonSchemas#forType(Class)} for what is supported. Every record or class
 * becomes an entry of {@code $defs} (so recursion works); the root type is inlined as the root schema.
 * Not thread-safe: one instance per generation.
 */
public final class TypeSchemaGenerator {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Map<Class<?>, String> names = new LinkedHashMap<>();
    private final Map<String, ObjectNode> defs = new LinkedHashMap<>();
    private final List<String> path = new ArrayList<>();
    private boolean rootReferenced;
    private Class<?> rootType = Object.class;

    private TypeSchemaGenerator() {}

    /** Returns the schema of the type. */
    public static ObjectNode generate(Class<?> type) {
        return new TypeSchemaGenerator().root(type);
    }

    private ObjectNode root(Class<?> type) {
        if (!isBean(type)) {
            throw new IllegalArgumentException("a response schema is generated from a record or class, not " + type);
        }
        rootType = type;
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        String rootName = define(type);
        root.setAll(defs.get(rootName));
        ObjectNode defsNode = F.objectNode();
        defs.forEach((n, s) -> {
            if (!n.equals(rootName) || rootReferenced) defsNode.set(n, s);
        });
        if (!defsNode.isEmpty()) root.set("$defs", defsNode);
        return root;
    }

    private String define(Class<?> type) {
        String existing = names.get(type);
        if (existing != null) return existing;
        String name = type.getSimpleName();
        if (defs.containsKey(name)) name = type.getName().replaceAll("[^A-Za-z0-9_.-]", "_");
        names.put(type, name);
        ObjectNode schema = F.objectNode().put("type", "object");
        defs.put(name, schema);
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (Member m : members(type)) {
            path.add(type.getSimpleName() + "." + m.name());
            boolean optional = m.type() instanceof ParameterizedType p && p.getRawType() == Optional.class
                    || m.type() == OptionalInt.class || m.type() == OptionalLong.class
                    || m.type() == OptionalDouble.class;
            ObjectNode s = schema(m.type());
            path.remove(path.size() - 1);
            boolean nullable = optional || nullable(m.element());
            if (nullable && !(m.type() instanceof Class<?> c && c.isPrimitive())) s = orNull(s);
            props.set(m.name(), s);
            if (!nullable) required.add(m.name());
        }
        schema.set("required", required);
        schema.put("additionalProperties", false);
        return name;
    }

    private ObjectNode schema(Type type) {
        if (type instanceof Class<?> c) return classSchema(c);
        if (type instanceof GenericArrayType g) return array(schema(g.getGenericComponentType()), false);
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == Optional.class) return schema(args[0]);
            if (Collection.class.isAssignableFrom(raw)) return array(schema(args[0]), Set.class.isAssignableFrom(raw));
            if (Map.class.isAssignableFrom(raw)) {
                if (args[0] != String.class) throw unsupported("a Map whose keys are not String (" + type + ")");
                ObjectNode map = F.objectNode().put("type", "object");
                map.set("additionalProperties", schema(args[1]));
                return map;
            }
            if (isBean(raw)) throw unsupported("the generic type " + type);
        }
        throw unsupported("the type " + type);
    }

    private ObjectNode classSchema(Class<?> c) {
        if (c == String.class || c == CharSequence.class) return type("string");
        if (c == boolean.class || c == Boolean.class) return type("boolean");
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class
                || c == Short.class || c == byte.class || c == Byte.class || c == BigInteger.class) {
            return type("integer");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class) {
            return type("number");
        }
        if (c == OptionalInt.class || c == OptionalLong.class) return type("integer");
        if (c == OptionalDouble.class) return type("number");
        if (c == char.class || c == Character.class) return type("string").put("minLength", 1).put("maxLength", 1);
        if (c == UUID.class) return type("string").put("format", "uuid");
        if (c == URI.class || c == URL.class) return type("string").put("format", "uri");
        if (c == LocalDate.class) return type("string").put("format", "date");
        if (c == OffsetDateTime.class || c == ZonedDateTime.class || c == Instant.class) {
            return type("string").put("format", "date-time");
        }
        if (c == OffsetTime.class) return type("string").put("format", "time");
        if (c == Duration.class) return type("string").put("format", "duration");
        if (c == LocalDateTime.class) {
            return type("string").put("pattern", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$");
        }
        if (c == LocalTime.class) return type("string").put("pattern", "^\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$");
        if (c.isEnum()) {
            ObjectNode e = type("string");
            ArrayNode values = e.putArray("enum");
            for (Object constant : c.getEnumConstants()) values.add(((Enum<?>) constant).name());
            return e;
        }
        if (c.isArray()) return array(classSchema(c.getComponentType()), false);
        if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c) || c == Optional.class) {
            throw unsupported("the raw type " + c.getName() + " (give its type arguments)");
        }
        if (isBean(c)) {
            String name = define(c);
            if (c == rootType) rootReferenced = true;
            return F.objectNode().put("$ref", "#/$defs/" + name);
        }
        throw unsupported("the type " + c.getName());
    }

    private static boolean isBean(Class<?> c) {
        if (c.isRecord()) return true;
        return !c.isPrimitive() && !c.isInterface() && !c.isArray() && !c.isEnum()
                && !Modifier.isAbstract(c.getModifiers()) && !c.getName().startsWith("java.")
                && !c.getName().startsWith("javax.") && c.getTypeParameters().length == 0;
    }

    private record Member(String name, Type type, AnnotatedElement element) {}

    private static List<Member> members(Class<?> type) {
        List<Member> out = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
                out.add(new Member(rc.getName(), rc.getGenericType(), new Both(rc, field(type, rc.getName()))));
            }
            return out;
        }
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) chain.add(0, c);
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) continue;
                out.add(new Member(f.getName(), f.getGenericType(), f));
            }
        }
        return out;
    }

    private static AnnotatedElement field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("record " + type + " has no field " + name, e);
        }
    }

    /** Annotations of a record component and its field, so type-use and field annotations are both seen. */
    private record Both(AnnotatedElement a, AnnotatedElement b) implements AnnotatedElement {
        @Override
        public <T extends Annotation> T getAnnotation(Class<T> c) {
            T t = a.getAnnotation(c);
            return t != null ? t : b.getAnnotation(c);
        }

        @Override
        public Annotation[] getAnnotations() {
            return concat(a.getAnnotations(), b.getAnnotations());
        }

        @Override
        public Annotation[] getDeclaredAnnotations() {
            return concat(a.getDeclaredAnnotations(), b.getDeclaredAnnotations());
        }

        private static Annotation[] concat(Annotation[] x, Annotation[] y) {
            Annotation[] out = java.util.Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, out, x.length, y.length);
            return out;
        }
    }

    /** Returns whether an annotation named {@code Nullable} (any package) marks the member or its type. */
    private static boolean nullable(AnnotatedElement e) {
        for (Annotation a : e.getAnnotations()) {
            if (a.annotationType().getSimpleName().equals("Nullable")) return true;
        }
        if (e instanceof Field f) return typeUseNullable(f.getAnnotatedType().getAnnotations());
        if (e instanceof RecordComponent rc) return typeUseNullable(rc.getAnnotatedType().getAnnotations());
        if (e instanceof Both both) return nullable(both.a()) || nullable(both.b());
        return false;
    }

    private static boolean typeUseNullable(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType().getSimpleName().equals("Nullable")) return true;
        }
        return false;
    }

    private static ObjectNode orNull(ObjectNode s) {
        if (s.has("type") && s.get("type").isTextual() && !s.has("enum")) {
            String type = s.remove("type").asText();
            s.putArray("type").add(type).add("null");
            return s;
        }
        ObjectNode wrapped = F.objectNode();
        wrapped.putArray("anyOf").add(s).addObject().put("type", "null");
        return wrapped;
    }

    private static ObjectNode type(String t) {
        return F.objectNode().put("type", t);
    }

    private static ObjectNode array(ObjectNode items, boolean unique) {
        ObjectNode a = type("array");
        a.set("items", items);
        if (unique) a.put("uniqueItems", true);
        return a;
    }

    private IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException("cannot generate a JSON Schema for " + what
                + (path.isEmpty() ? "" : " at " + String.join(" > ", path))
                + "; supported: records and classes with fields, primitives and their boxes, String, BigDecimal, "
                + "BigInteger, enums, UUID, URI, java.time types, arrays, List/Set/Collection, Map<String, V>, "
                + "Optional");
    }
}
