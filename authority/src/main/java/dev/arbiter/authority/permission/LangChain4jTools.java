package dev.arbiter.authority.permission;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.langchain4j.LangChain4jMessages;
import dev.langchain4j.agent.tool.ToolMemoryId;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Adapters that turn langchain4j tools into Arbiter {@link Tool}s, so existing tools plug into the
 * {@link ToolGateway}: the {@code @Tool} methods of an object, or a {@link ToolSpecification} with an executor.
 *
 * <p>The application says what langchain4j cannot: the side-effect class, the sensitive parameters and the output
 * trust, through a function from the converted {@link ToolSpec} to its {@link ToolDescriptor}. Arguments are bound
 * to a method's parameters in declaration order (langchain4j lists the schema's properties in that order;
 * {@code @ToolMemoryId} parameters get {@code null}) and converted with Jackson; a {@code String} result is returned
 * as it is, {@code void} as {@code "Success"}, anything else as JSON. What the method throws reaches the gateway
 * unwrapped, which reports it as {@link dev.arbiter.core.FailureMode#TOOL_FAILED}. Stateless and thread-safe; the
 * tools are as thread-safe as the target object.
 *
 * <pre>{@code
 * List<Tool> tools = LangChain4jTools.fromAnnotated(new BankTools(bank), spec -> switch (spec.name()) {
 *     case "sendMoney" -> new ToolDescriptor(spec, SideEffect.IRREVERSIBLE, Set.of("recipient"), Set.of(), Trust.UNTRUSTED);
 *     default -> ToolDescriptor.of(spec, SideEffect.READ);
 * });
 * }</pre>
 */
public final class LangChain4jTools {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LangChain4jTools() {}

    /**
     * Returns one tool per {@code @Tool} method of the object.
     *
     * @throws IllegalArgumentException if the object has no {@code @Tool} method, or the descriptor function returns
     *     a descriptor for another spec
     */
    public static List<Tool> fromAnnotated(Object target, Function<ToolSpec, ToolDescriptor> describe) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(describe, "describe");
        Map<String, Method> methods = new LinkedHashMap<>();
        for (Method m : target.getClass().getMethods()) {
            dev.langchain4j.agent.tool.Tool a = m.getAnnotation(dev.langchain4j.agent.tool.Tool.class);
            if (a != null) {
                methods.put(a.name().isEmpty() ? m.getName() : a.name(), m);
            }
        }
        List<Tool> tools = new ArrayList<>();
        for (ToolSpecification spec : ToolSpecifications.toolSpecificationsFrom(target)) {
            Method m = methods.get(spec.name());
            if (m == null) {
                throw new IllegalArgumentException("no @Tool method named '" + spec.name() + "' on " + target.getClass());
            }
            tools.add(fromSpecification(spec, describe, args -> invoke(target, m, args)));
        }
        if (tools.isEmpty()) {
            throw new IllegalArgumentException(target.getClass().getName() + " has no @Tool methods");
        }
        return List.copyOf(tools);
    }

    /**
     * Returns a tool of a langchain4j specification and the code that runs it.
     *
     * @throws IllegalArgumentException if the descriptor function returns a descriptor for another spec
     */
    public static Tool fromSpecification(ToolSpecification specification, Function<ToolSpec, ToolDescriptor> describe,
            Tool.Executor executor) {
        ToolSpec spec = LangChain4jMessages.toToolSpec(Objects.requireNonNull(specification, "specification"));
        ToolDescriptor d = Objects.requireNonNull(describe.apply(spec), "descriptor of tool '" + spec.name() + "'");
        if (!d.spec().equals(spec)) {
            throw new IllegalArgumentException("the descriptor of tool '" + spec.name() + "' describes another spec ('"
                    + d.spec().name() + "')");
        }
        return Tool.of(d, executor);
    }

    private static String invoke(Object target, Method m, JsonNode args) throws Exception {
        Parameter[] params = m.getParameters();
        Object[] values = new Object[params.length];
        ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(m);
        List<String> declared = spec.parameters() == null ? List.of()
                : new ArrayList<>(spec.parameters().properties().keySet());
        int next = 0;
        for (int i = 0; i < params.length; i++) {
            if (params[i].isAnnotationPresent(ToolMemoryId.class)) {
                continue;
            }
            String name = next < declared.size() ? declared.get(next++) : params[i].getName();
            JsonNode v = args.get(name);
            JavaType type = JSON.getTypeFactory().constructType(params[i].getParameterizedType());
            values[i] = v == null || v.isNull() ? null : JSON.convertValue(v, type);
        }
        Object result;
        try {
            result = m.invoke(target, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : e;
        }
        if (m.getReturnType() == void.class) {
            return "Success";
        }
        return result instanceof String ? (String) result : JSON.writeValueAsString(result);
    }
}
