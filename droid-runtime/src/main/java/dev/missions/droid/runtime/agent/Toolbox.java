package dev.missions.droid.runtime.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.agent.tool.Tool;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code @Tool} methods of some objects, by name: their specifications for the model and their execution. */
public final class Toolbox {

    private final List<ToolSpecification> specifications = new ArrayList<>();
    private final Map<String, ToolExecutor> executors = new LinkedHashMap<>();

    public Toolbox(List<?> toolObjects) {
        for (Object tools : toolObjects) {
            for (Method method : tools.getClass().getDeclaredMethods()) {
                if (method.isAnnotationPresent(Tool.class)) {
                    ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
                    if (executors.putIfAbsent(spec.name(), new DefaultToolExecutor(tools, method)) != null) {
                        throw new IllegalArgumentException("two tools named " + spec.name());
                    }
                    specifications.add(spec);
                }
            }
        }
        // a stable order keeps the prompt prefix byte-identical across requests and runs, so providers can cache it
        specifications.sort((a, b) -> a.name().compareTo(b.name()));
    }

    public List<ToolSpecification> specifications() {
        return List.copyOf(specifications);
    }

    /** Runs one tool call; whatever goes wrong is an error text for the model, never an exception. */
    public String execute(ToolExecutionRequest request) {
        ToolExecutor executor = executors.get(request.name());
        if (executor == null) {
            return "error: there is no tool named '" + request.name() + "'; tools: " + executors.keySet();
        }
        try {
            String result = executor.execute(request, null);
            return result == null ? "" : result;
        } catch (RuntimeException e) {
            return "error: " + request.name() + " could not run with arguments " + request.arguments() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
