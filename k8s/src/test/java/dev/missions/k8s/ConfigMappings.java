package dev.missions.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration properties Java sources read: {@code @ConfigProperty(name = "...")} names, and the properties of
 * {@code @ConfigMapping} interfaces. These need not appear in any properties file (a mapping's {@code @WithDefault}
 * is its default), so the ConfigMap rule has to know them from the code. Read with patterns, like the topics in
 * {@link ServiceConfig#recordTopics()}: comments are ignored, string literals cannot confuse the brace matching.
 */
final class ConfigMappings {

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile(
            "@ConfigMapping\\s*\\((?:[^)]*?\\bprefix\\s*=\\s*)?\"([^\"]*)\"[^)]*\\)[\\s\\w@]*?\\binterface\\s+(\\w+)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{;]*\\{");
    /** An abstract method: annotations, a return type (generics allowed), a name, no parameters, no body. */
    private static final Pattern METHOD = Pattern.compile(
            "((?:@\\w+(?:\\s*\\([^)]*\\))?\\s+)*)([\\w.]+(?:\\s*<[^;(){}]*>)?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"");
    private static final Pattern GENERIC = Pattern.compile("([\\w.]+)\\s*<(.*)>");

    record Method(String annotations, String type, String name) {
    }

    private ConfigMappings() {
    }

    static Set<String> properties(List<Path> javaFiles) {
        Set<String> properties = new TreeSet<>();
        Map<String, List<Method>> everywhere = new LinkedHashMap<>();
        Map<String, Map<String, List<Method>>> mappingFiles = new LinkedHashMap<>();
        for (Path file : javaFiles) {
            String source = stripComments(ServiceConfig.read(file));
            Matcher p = CONFIG_PROPERTY.matcher(source);
            while (p.find()) {
                properties.add(p.group(1));
            }
            if (!source.contains("interface")) {
                continue;
            }
            Map<String, List<Method>> here = interfaces(source);
            everywhere.putAll(here);
            Matcher m = CONFIG_MAPPING.matcher(source);
            while (m.find()) {
                mappingFiles.put(m.group(1) + " " + m.group(2), here);
            }
        }
        mappingFiles.forEach((root, here) -> {
            // a group type is looked up in the mapping's own file first (nested interfaces), then in every file
            Map<String, List<Method>> visible = new LinkedHashMap<>(everywhere);
            visible.putAll(here);
            String[] prefixAndType = root.split(" ");
            expand(prefixAndType[0], prefixAndType[1], visible, properties, 0);
        });
        return properties;
    }

    private static void expand(String prefix, String type, Map<String, List<Method>> interfaces, Set<String> out, int depth) {
        if (depth > 10) {
            throw new IllegalStateException("config mapping nested too deep at " + prefix);
        }
        for (Method method : interfaces.get(type)) {
            String path = prefix;
            if (!method.annotations().contains("@WithParentName")) {
                Matcher named = WITH_NAME.matcher(method.annotations());
                path = prefix + "." + (named.find() ? named.group(1) : kebab(method.name()));
            }
            String valueType = unwrap(method.type(), "Optional");
            Matcher generic = GENERIC.matcher(valueType);
            if (generic.matches() && simple(generic.group(1)).equals("Map")) {
                String value = unwrap(generic.group(2).substring(generic.group(2).indexOf(',') + 1).strip(), "Optional");
                if (interfaces.containsKey(simple(value))) {
                    expand(path + ".*", simple(value), interfaces, out, depth + 1);
                } else {
                    out.add(path + ".*");
                }
            } else if (interfaces.containsKey(simple(valueType))) {
                expand(path, simple(valueType), interfaces, out, depth + 1);
            } else {
                out.add(path);
            }
        }
    }

    /** Each interface's own abstract methods (not those of the interfaces nested in it), by simple name. */
    static Map<String, List<Method>> interfaces(String source) {
        String masked = maskStrings(source);
        record Body(String name, int start, int end) {
        }
        List<Body> bodies = new ArrayList<>();
        Matcher i = INTERFACE.matcher(masked);
        while (i.find()) {
            bodies.add(new Body(i.group(1), i.end(), closingBrace(masked, i.end())));
        }
        Map<String, List<Method>> result = new LinkedHashMap<>();
        for (Body body : bodies) {
            List<Method> methods = new ArrayList<>();
            Matcher m = METHOD.matcher(masked).region(body.start(), body.end());
            while (m.find()) {
                int at = m.start(3);
                boolean nested = bodies.stream().anyMatch(b -> b != body && b.start() > body.start() && b.start() <= at && at < b.end());
                boolean inBlock = depth(masked, body.start(), at) > 0;
                if (!nested && !inBlock) {
                    methods.add(new Method(source.substring(m.start(1), m.end(1)), m.group(2).replaceAll("\\s+", ""), m.group(3)));
                }
            }
            result.put(body.name(), methods);
        }
        return result;
    }

    /** SmallRye's default naming: maxConcurrentTasks -> max-concurrent-tasks. */
    static String kebab(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                if (!b.isEmpty()) {
                    b.append('-');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String unwrap(String type, String wrapper) {
        Matcher g = GENERIC.matcher(type);
        return g.matches() && simple(g.group(1)).equals(wrapper) ? g.group(2) : type;
    }

    private static String simple(String type) {
        String raw = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
        return raw.substring(raw.lastIndexOf('.') + 1).strip();
    }

    /** Brace depth between from and to (a method inside a default method's or a nested class's block is not the interface's). */
    private static int depth(String s, int from, int to) {
        int depth = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '{') {
                depth++;
            } else if (s.charAt(k) == '}') {
                depth--;
            }
        }
        return depth;
    }

    private static int closingBrace(String s, int from) {
        int depth = 1;
        for (int k = from; k < s.length(); k++) {
            if (s.charAt(k) == '{') {
                depth++;
            } else if (s.charAt(k) == '}' && --depth == 0) {
                return k;
            }
        }
        throw new IllegalArgumentException("unbalanced braces");
    }

    /** Comments become spaces (same length); string and char literals are kept. */
    static String stripComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int k = 0;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (s.startsWith("//", k)) {
                int end = s.indexOf('\n', k);
                end = end < 0 ? s.length() : end;
                out.append(" ".repeat(end - k));
                k = end;
            } else if (s.startsWith("/*", k)) {
                int end = s.indexOf("*/", k + 2);
                end = end < 0 ? s.length() : end + 2;
                s.substring(k, end).chars().forEach(ch -> out.append(ch == '\n' ? '\n' : ' '));
                k = end;
            } else if (c == '"' || c == '\'') {
                int end = literalEnd(s, k);
                out.append(s, k, end);
                k = end;
            } else {
                out.append(c);
                k++;
            }
        }
        return out.toString();
    }

    /** The contents of string and char literals become spaces (same length), so braces in them count for nothing. */
    static String maskStrings(String s) {
        StringBuilder out = new StringBuilder(s);
        int k = 0;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '"' || c == '\'') {
                int end = literalEnd(s, k);
                for (int j = k + 1; j < end - 1; j++) {
                    out.setCharAt(j, ' ');
                }
                k = end;
            } else {
                k++;
            }
        }
        return out.toString();
    }

    /** The index after a string or char literal starting at k (text blocks included). */
    private static int literalEnd(String s, int k) {
        if (s.startsWith("\"\"\"", k)) {
            int end = s.indexOf("\"\"\"", k + 3);
            return end < 0 ? s.length() : end + 3;
        }
        char quote = s.charAt(k);
        int j = k + 1;
        while (j < s.length() && s.charAt(j) != quote) {
            j += s.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(j + 1, s.length());
    }
}
