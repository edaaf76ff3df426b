package dev.missions.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missions.k8s.ServiceConfig.Acl;
import dev.missions.schemas.Topic;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The invariants of a rendered overlay. Each check returns the problems it finds (empty = holds), so the tests can
 * show every problem at once and can also prove that each check fails on a document broken on purpose.
 */
final class Invariants {

    static final String STRIMZI_API = "kafka.strimzi.io/v1";
    static final String LOCAL_EXAMPLE_LABEL = "missions.dev/local-example-secret";
    static final String LOCAL_EXAMPLE_VALUE = "local-only-change-me";
    static final String KEDA_USER = "keda-lag-reader";

    /**
     * Names the deployment sets that no service declares yet (see k8s/README.md, "Configuration the services do not
     * declare yet"). Quarkus passes KAFKA_* environment variables to the Kafka clients by itself (KAFKA_SASL_JAAS_CONFIG
     * becomes sasl.jaas.config); APICURIO_REGISTRY_AUTO_REGISTER takes effect once the schemas jar maps it to the serde
     * configuration (APICURIO_REGISTRY_URL is mapped there now). Each stays accepted only while it is unknown: once a
     * service declares it, the ordinary rule applies to it.
     */
    static final Set<String> NOT_YET_DECLARED = Set.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL",
            "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_CERTIFICATES",
            "APICURIO_REGISTRY_AUTO_REGISTER");

    /** Environment of the processes a droid runs (builds, git), not configuration: a writable home on a read-only root. */
    static final Set<String> PROCESS_ENVIRONMENT = Set.of("HOME");

    private static final Map<String, Map.Entry<String, Class<?>>> STRIMZI_MODEL = Map.of(
            "Kafka", Map.entry(STRIMZI_API, Kafka.class),
            "KafkaNodePool", Map.entry(STRIMZI_API, KafkaNodePool.class),
            "KafkaTopic", Map.entry(STRIMZI_API, KafkaTopic.class),
            "KafkaUser", Map.entry(STRIMZI_API, KafkaUser.class));

    private static final Map<String, Map.Entry<String, Class<?>>> KUBERNETES_MODEL = Map.ofEntries(
            Map.entry("Namespace", Map.entry("v1", io.fabric8.kubernetes.api.model.Namespace.class)),
            Map.entry("ServiceAccount", Map.entry("v1", io.fabric8.kubernetes.api.model.ServiceAccount.class)),
            Map.entry("Service", Map.entry("v1", io.fabric8.kubernetes.api.model.Service.class)),
            Map.entry("ConfigMap", Map.entry("v1", io.fabric8.kubernetes.api.model.ConfigMap.class)),
            Map.entry("Secret", Map.entry("v1", io.fabric8.kubernetes.api.model.Secret.class)),
            Map.entry("Deployment", Map.entry("apps/v1", io.fabric8.kubernetes.api.model.apps.Deployment.class)),
            Map.entry("Job", Map.entry("batch/v1", io.fabric8.kubernetes.api.model.batch.v1.Job.class)),
            Map.entry("PodDisruptionBudget", Map.entry("policy/v1", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class)),
            Map.entry("HorizontalPodAutoscaler",
                    Map.entry("autoscaling/v2", io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class)),
            Map.entry("NetworkPolicy", Map.entry("networking.k8s.io/v1", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class)));

    private Invariants() {
    }

    // ------------------------------------------------------------------------------------------ topics

    static List<String> topics(List<JsonNode> docs) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> topics = kafkaTopics(docs);
        Set<String> catalog = new TreeSet<>();
        for (Topic topic : Topic.values()) {
            catalog.add(topic.topicName());
            catalog.add(topic.deadLetterTopicName());
        }
        for (String name : catalog) {
            JsonNode t = topics.get(name);
            if (t == null) {
                problems.add("no KafkaTopic for catalog topic " + name);
                continue;
            }
            JsonNode spec = t.path("spec");
            if (spec.path("partitions").asInt(0) < 1) {
                problems.add("KafkaTopic " + name + " sets no partitions");
            }
            if (spec.path("replicas").asInt(0) < 1) {
                problems.add("KafkaTopic " + name + " sets no replicas");
            }
            for (String key : List.of("cleanup.policy", "retention.ms")) {
                if (spec.path("config").path(key).isMissingNode()) {
                    problems.add("KafkaTopic " + name + " does not choose " + key);
                }
            }
        }
        for (String name : topics.keySet()) {
            if (!catalog.contains(name)) {
                problems.add("KafkaTopic " + name + " is not in the catalog (dev.missions.schemas.Topic)");
            }
        }
        Set<String> clusters = new TreeSet<>();
        ofKind(docs, "Kafka").forEach(k -> clusters.add(name(k)));
        for (JsonNode t : ofKind(docs, "KafkaTopic", "KafkaUser", "KafkaNodePool")) {
            String cluster = t.path("metadata").path("labels").path("strimzi.io/cluster").asText("");
            if (!clusters.contains(cluster)) {
                problems.add(kind(t) + " " + name(t) + " names Kafka cluster '" + cluster + "'; the overlay has " + clusters);
            }
        }
        return problems;
    }

    static Map<String, JsonNode> kafkaTopics(List<JsonNode> docs) {
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        for (JsonNode t : ofKind(docs, "KafkaTopic")) {
            topics.put(t.path("spec").path("topicName").asText(name(t)), t);
        }
        return topics;
    }

    // ------------------------------------------------------------------------------------------ autoscaling

    static List<String> autoscaling(List<JsonNode> docs, Map<String, ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> topics = kafkaTopics(docs);
        Set<String> scaled = new TreeSet<>();
        for (JsonNode so : ofKind(docs, "ScaledObject")) {
            String target = so.path("spec").path("scaleTargetRef").path("name").asText();
            scaled.add(target);
            int min = so.path("spec").path("minReplicaCount").asInt(0);
            int max = so.path("spec").path("maxReplicaCount").asInt(100);
            if (so.path("spec").path("maxReplicaCount").isMissingNode()) {
                problems.add("ScaledObject " + name(so) + " sets no maxReplicaCount (KEDA's default is 100)");
            }
            if (min > max) {
                problems.add("ScaledObject " + name(so) + ": minReplicaCount " + min + " > maxReplicaCount " + max);
            }
            ServiceConfig service = services.get(target);
            if (service == null || !service.isDroid()) {
                problems.add("ScaledObject " + name(so) + " scales " + target + ", which is not a droid service");
            }
            JsonNode triggers = so.path("spec").path("triggers");
            if (triggers.size() == 0) {
                problems.add("ScaledObject " + name(so) + " has no trigger");
            }
            for (JsonNode trigger : triggers) {
                if (!"kafka".equals(trigger.path("type").asText())) {
                    problems.add("ScaledObject " + name(so) + " has a " + trigger.path("type").asText() + " trigger, not kafka");
                    continue;
                }
                String topic = trigger.path("metadata").path("topic").asText();
                String group = trigger.path("metadata").path("consumerGroup").asText();
                JsonNode kt = topics.get(topic);
                if (kt == null) {
                    problems.add("ScaledObject " + name(so) + " watches topic " + topic + ", which has no KafkaTopic");
                } else if (max > kt.path("spec").path("partitions").asInt()) {
                    problems.add("ScaledObject " + name(so) + ": maxReplicaCount " + max + " exceeds the "
                            + kt.path("spec").path("partitions").asInt() + " partitions of " + topic);
                }
                if (service != null) {
                    Optional<ServiceConfig.IncomingChannel> channel = service.incoming().stream()
                            .filter(in -> in.topic().equals(topic) && !in.group().prefix() && in.group().value().equals(group)).findFirst();
                    if (channel.isEmpty()) {
                        problems.add("ScaledObject " + name(so) + " watches group " + group + " on " + topic + ", but " + target
                                + " consumes " + service.incoming().stream().map(in -> in.topic() + " in " + in.group().value()).toList());
                    } else {
                        // a group without committed offsets: KEDA must count lag from where the consumers will start
                        String reset = service.offsetReset(channel.get().channel());
                        String policy = trigger.path("metadata").path("offsetResetPolicy").asText("latest");
                        if (!policy.equals(reset)) {
                            problems.add("ScaledObject " + name(so) + " counts lag from offsetResetPolicy " + policy + ", but channel "
                                    + channel.get().channel() + " of " + target + " starts at auto.offset.reset " + reset);
                        }
                    }
                }
            }
        }
        for (ServiceConfig service : services.values()) {
            if (service.isDroid() && !scaled.contains(service.name)) {
                problems.add("no ScaledObject scales " + service.name);
            }
        }
        for (String name : List.of("coordinator-service", "integration-gateway")) {
            boolean cpu = ofKind(docs, "HorizontalPodAutoscaler").stream()
                    .filter(h -> name.equals(h.path("spec").path("scaleTargetRef").path("name").asText()))
                    .anyMatch(h -> h.path("spec").path("metrics").findValuesAsText("name").contains("cpu"));
            if (!cpu) {
                problems.add("no CPU HorizontalPodAutoscaler for " + name);
            }
        }
        // an HPA beyond the partitions of a topic its service consumes in a shared group adds idle consumers
        for (JsonNode hpa : ofKind(docs, "HorizontalPodAutoscaler")) {
            ServiceConfig service = services.get(hpa.path("spec").path("scaleTargetRef").path("name").asText());
            if (service == null) {
                continue;
            }
            int max = hpa.path("spec").path("maxReplicas").asInt();
            for (ServiceConfig.IncomingChannel in : service.incoming()) {
                JsonNode kt = topics.get(in.topic());
                if (!in.group().prefix() && kt != null && max > kt.path("spec").path("partitions").asInt()) {
                    problems.add("HorizontalPodAutoscaler " + name(hpa) + ": maxReplicas " + max + " exceeds the "
                            + kt.path("spec").path("partitions").asInt() + " partitions of " + in.topic());
                }
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------------ workloads

    /** Deployments and Jobs: probes (Deployments), requests and limits, non-root, read-only root, no escalation, no caps. */
    static List<String> workloads(List<JsonNode> docs, Map<String, ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        Set<String> deployed = new TreeSet<>();
        for (JsonNode w : ofKind(docs, "Deployment", "Job")) {
            String what = kind(w) + " " + name(w);
            boolean deployment = kind(w).equals("Deployment");
            JsonNode pod = w.path("spec").path("template").path("spec");
            ServiceConfig service = deployment ? services.get(name(w)) : null;
            if (service != null) {
                deployed.add(service.name);
            }
            if (!pod.path("automountServiceAccountToken").isBoolean() || pod.path("automountServiceAccountToken").asBoolean()) {
                problems.add(what + " mounts a service account token");
            }
            if (service != null && (!pod.path("enableServiceLinks").isBoolean() || pod.path("enableServiceLinks").asBoolean())) {
                problems.add(what + " gets service-link variables (<SERVICE>_PORT, ...), which its configuration would read as keys");
            }
            // droids sandbox repository code with bwrap, which needs a user namespace the pod can make
            if (service != null && name(w).startsWith("droid-") && pod.path("hostUsers").asBoolean(true)) {
                problems.add(what + " shares the node's users (hostUsers is not false): bwrap needs a user namespace");
            }
            JsonNode podSc = pod.path("securityContext");
            for (JsonNode c : pod.path("containers")) {
                String where = what + " container " + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                if (!(sc.path("runAsNonRoot").asBoolean(false) || podSc.path("runAsNonRoot").asBoolean(false))) {
                    problems.add(where + " may run as root (runAsNonRoot is not true)");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(where + " has a writable root filesystem");
                }
                if (!sc.path("allowPrivilegeEscalation").isBoolean() || sc.path("allowPrivilegeEscalation").asBoolean()) {
                    problems.add(where + " allows privilege escalation");
                }
                if (!sc.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
                    problems.add(where + " does not drop ALL capabilities");
                }
                String seccomp = sc.path("seccompProfile").path("type").asText(podSc.path("seccompProfile").path("type").asText(""));
                if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                    problems.add(where + " has no seccomp profile (RuntimeDefault)");
                }
                for (String kind : List.of("limits", "requests")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (c.path("resources").path(kind).path(resource).isMissingNode()) {
                            problems.add(where + " has no " + resource + " " + kind);
                        }
                    }
                }
                if (deployment) {
                    for (String probe : List.of("readinessProbe", "livenessProbe")) {
                        if (c.path(probe).isMissingNode()) {
                            problems.add(where + " has no " + probe);
                        }
                    }
                }
                if (service != null) {
                    checkService(service, c, where, problems);
                }
            }
        }
        for (String service : services.keySet()) {
            if (!deployed.contains(service)) {
                problems.add("no Deployment for " + service);
            }
        }
        return problems;
    }

    private static void checkService(ServiceConfig service, JsonNode c, String where, List<String> problems) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        c.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        if (!ports.containsValue(service.httpPort())) {
            problems.add(where + " exposes " + ports + " but the service listens on quarkus.http.port " + service.httpPort());
        }
        Map<String, String> paths = Map.of("readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
        paths.forEach((probe, path) -> {
            JsonNode get = c.path(probe).path("httpGet");
            if (!path.equals(get.path("path").asText())) {
                problems.add(where + " " + probe + " is not on " + path);
            }
            JsonNode port = get.path("port");
            int number = port.isInt() ? port.asInt() : ports.getOrDefault(port.asText(), -1);
            if (number != service.httpPort()) {
                problems.add(where + " " + probe + " is on port " + port + ", not " + service.httpPort());
            }
        });
        for (JsonNode m : c.path("volumeMounts")) {
            String path = m.path("mountPath").asText();
            if (!path.equals("/tmp") && !service.isDroid()) {
                problems.add(where + " mounts a writable volume at " + path + "; only droids keep workspaces");
            }
        }
        if (!c.path("volumeMounts").findValuesAsText("mountPath").contains("/tmp")) {
            problems.add(where + " has no writable /tmp (Quarkus needs one)");
        }
        // a service logs in to Kafka as its own KafkaUser, never as another one
        for (JsonNode env : c.path("env")) {
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if ("sasl.jaas.config".equals(ref.path("key").asText()) && !service.name.equals(ref.path("name").asText())) {
                problems.add(where + " logs in to Kafka with the Secret of KafkaUser " + ref.path("name").asText());
            }
        }
    }

    // ------------------------------------------------------------------------------------------ ACLs

    static List<String> acls(List<JsonNode> docs, Map<String, ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> users = new LinkedHashMap<>();
        ofKind(docs, "KafkaUser").forEach(u -> users.put(name(u), u));
        for (ServiceConfig service : services.values()) {
            JsonNode user = users.get(service.name);
            if (user == null) {
                problems.add("no KafkaUser for " + service.name);
                continue;
            }
            compare(user, service.expectedAcls(), problems);
        }
        // the KEDA scaler: Describe on exactly the topics and groups the ScaledObjects watch
        Set<Acl> keda = new TreeSet<>();
        for (JsonNode so : ofKind(docs, "ScaledObject")) {
            for (JsonNode trigger : so.path("spec").path("triggers")) {
                keda.add(new Acl("topic", trigger.path("metadata").path("topic").asText(), "literal", "Describe"));
                keda.add(new Acl("group", trigger.path("metadata").path("consumerGroup").asText(), "literal", "Describe"));
            }
        }
        if (!keda.isEmpty()) {
            JsonNode user = users.get(KEDA_USER);
            if (user == null) {
                problems.add("no KafkaUser " + KEDA_USER + " for the KEDA Kafka scaler");
            } else {
                compare(user, keda, problems);
            }
        }
        for (String user : users.keySet()) {
            if (!services.containsKey(user) && !user.equals(KEDA_USER)) {
                problems.add("KafkaUser " + user + " belongs to no service");
            }
        }
        return problems;
    }

    private static void compare(JsonNode user, Set<Acl> expected, List<String> problems) {
        String who = "KafkaUser " + name(user);
        String auth = user.path("spec").path("authentication").path("type").asText();
        if (!auth.equals("scram-sha-512") && !auth.equals("tls")) {
            problems.add(who + " authenticates with '" + auth + "', not scram-sha-512 or tls");
        }
        JsonNode authz = user.path("spec").path("authorization");
        if (!"simple".equals(authz.path("type").asText())) {
            problems.add(who + " has no simple authorization");
        }
        Set<Acl> actual = new TreeSet<>();
        for (JsonNode rule : authz.path("acls")) {
            if (!"allow".equalsIgnoreCase(rule.path("type").asText("allow"))) {
                problems.add(who + " has a deny rule; these ACLs only allow");
            }
            if (!"*".equals(rule.path("host").asText("*"))) {
                problems.add(who + " limits a rule to host " + rule.path("host").asText());
            }
            JsonNode r = rule.path("resource");
            List<String> ops = new ArrayList<>();
            rule.path("operations").forEach(op -> ops.add(op.asText()));
            if (rule.has("operation")) {
                ops.add(rule.path("operation").asText());
            }
            for (String op : ops) {
                actual.add(new Acl(r.path("type").asText(), r.path("name").asText(), r.path("patternType").asText("literal"), op));
            }
        }
        Set<Acl> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<Acl> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        if (!missing.isEmpty()) {
            problems.add(who + " lacks " + missing);
        }
        if (!extra.isEmpty()) {
            problems.add(who + " allows more than its channels use: " + extra);
        }
    }

    // ------------------------------------------------------------------------------------------ configuration

    /** Every ConfigMap key and every env name of a service's container reaches that service's configuration. */
    static List<String> configKeys(List<JsonNode> docs, Map<String, ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        for (JsonNode cm : ofKind(docs, "ConfigMap")) {
            if (isObservability(cm)) {
                continue; // the collector's configuration and the Grafana dashboard: no service reads them
            }
            String owner = cm.path("metadata").path("labels").path("app.kubernetes.io/name").asText("");
            ServiceConfig service = services.get(owner);
            if (service == null) {
                problems.add("ConfigMap " + name(cm) + " is labelled app.kubernetes.io/name='" + owner + "', not one of " + services.keySet());
                continue;
            }
            cm.path("data").fieldNames().forEachRemaining(key -> {
                if (!service.knows(key) && !NOT_YET_DECLARED.contains(key)) {
                    problems.add("ConfigMap " + name(cm) + " sets " + key + ", which " + owner + " does not read (no such key in "
                            + service.sources.stream().map(p -> service.moduleDir.getParent().relativize(p).toString()).toList() + ")");
                }
            });
        }
        for (JsonNode d : ofKind(docs, "Deployment")) {
            ServiceConfig service = services.get(name(d));
            if (service == null) {
                continue;
            }
            for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                Set<String> parts = composedParts(c);
                for (JsonNode env : c.path("env")) {
                    String key = env.path("name").asText();
                    if (PROCESS_ENVIRONMENT.contains(key) && !service.isDroid()) {
                        problems.add("Deployment " + name(d) + " sets " + key + ", which only droids' child processes need");
                    } else if (!service.knows(key) && !NOT_YET_DECLARED.contains(key) && !PROCESS_ENVIRONMENT.contains(key)
                            && !parts.contains(key)) {
                        problems.add("Deployment " + name(d) + " sets env " + key + ", which " + service.name + " does not read");
                    }
                }
                for (JsonNode env : c.path("env")) {
                    if (!parts.contains(env.path("name").asText())) {
                        continue;
                    }
                    // a part used before it is defined, or one that may be missing, stays as the literal text "$(NAME)"
                    if (env.path("valueFrom").path("secretKeyRef").path("optional").asBoolean(false)
                            || env.path("valueFrom").path("configMapKeyRef").path("optional").asBoolean(false)) {
                        problems.add("Deployment " + name(d) + " composes the optional " + env.path("name").asText()
                                + " into another variable; when missing it stays as the literal $(" + env.path("name").asText() + ")");
                    }
                }
                List<String> defined = new ArrayList<>();
                for (JsonNode env : c.path("env")) {
                    java.util.regex.Matcher m = COMPOSED.matcher(env.path("value").asText(""));
                    while (m.find()) {
                        if (!defined.contains(m.group(1))) {
                            problems.add("Deployment " + name(d) + " env " + env.path("name").asText() + " uses $(" + m.group(1)
                                    + ") before it is defined");
                        }
                    }
                    defined.add(env.path("name").asText());
                }
            }
        }
        return problems;
    }

    static boolean isObservability(JsonNode doc) {
        JsonNode labels = doc.path("metadata").path("labels");
        return labels.path("app.kubernetes.io/component").asText("").equals("observability") || labels.has("grafana_dashboard");
    }

    private static final java.util.regex.Pattern COMPOSED = java.util.regex.Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.\\-]*)\\)");

    /**
     * Env entries another entry of the same container composes with {@code $(NAME)} (Kubernetes expands them): parts of
     * a value the service reads, not configuration of their own (MISSIONS_API_TOKENS is built from two Secret keys).
     */
    static Set<String> composedParts(JsonNode container) {
        Set<String> parts = new TreeSet<>();
        for (JsonNode env : container.path("env")) {
            java.util.regex.Matcher m = COMPOSED.matcher(env.path("value").asText(""));
            while (m.find()) {
                parts.add(m.group(1));
            }
        }
        return parts;
    }

    /**
     * The gateway calls the coordinator with a token the coordinator accepts: its MISSIONS_COORDINATOR_TOKEN is read from
     * the same Secret key as one of the parts of the coordinator's MISSIONS_API_TOKENS, so the two cannot disagree.
     */
    static List<String> sharedApiToken(List<JsonNode> docs) {
        List<String> problems = new ArrayList<>();
        Optional<JsonNode> gateway = env(docs, "integration-gateway", "MISSIONS_COORDINATOR_TOKEN");
        Optional<JsonNode> tokens = env(docs, "coordinator-service", "MISSIONS_API_TOKENS");
        if (gateway.isEmpty() || tokens.isEmpty()) {
            problems.add("integration-gateway sets no MISSIONS_COORDINATOR_TOKEN or coordinator-service no MISSIONS_API_TOKENS");
            return problems;
        }
        Set<String> accepted = new TreeSet<>();
        JsonNode direct = tokens.get().path("valueFrom").path("secretKeyRef");
        if (!direct.isMissingNode()) {
            accepted.add(direct.path("name").asText() + "/" + direct.path("key").asText());
        }
        java.util.regex.Matcher m = COMPOSED.matcher(tokens.get().path("value").asText(""));
        while (m.find()) {
            env(docs, "coordinator-service", m.group(1)).map(e -> e.path("valueFrom").path("secretKeyRef"))
                    .filter(ref -> !ref.isMissingNode())
                    .ifPresent(ref -> accepted.add(ref.path("name").asText() + "/" + ref.path("key").asText()));
        }
        JsonNode ref = gateway.get().path("valueFrom").path("secretKeyRef");
        String used = ref.path("name").asText() + "/" + ref.path("key").asText();
        if (ref.isMissingNode() || !accepted.contains(used)) {
            problems.add("integration-gateway's MISSIONS_COORDINATOR_TOKEN comes from " + (ref.isMissingNode() ? "no Secret" : used)
                    + ", but coordinator-service's MISSIONS_API_TOKENS is made of " + accepted + ": the two can disagree");
        }
        return problems;
    }

    private static Optional<JsonNode> env(List<JsonNode> docs, String deployment, String name) {
        return find(docs, "Deployment", deployment).stream()
                .flatMap(d -> d.findValues("env").stream())
                .flatMap(envs -> java.util.stream.StreamSupport.stream(envs.spliterator(), false))
                .filter(e -> name.equals(e.path("name").asText())).findFirst();
    }

    /** The names of {@link #NOT_YET_DECLARED} each service is given but does not declare yet, for the test log. */
    static Map<String, Set<String>> undeclared(List<JsonNode> docs, Map<String, ServiceConfig> services) {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (JsonNode cm : ofKind(docs, "ConfigMap")) {
            ServiceConfig service = services.get(cm.path("metadata").path("labels").path("app.kubernetes.io/name").asText(""));
            if (service != null) {
                cm.path("data").fieldNames().forEachRemaining(key -> {
                    if (!service.knows(key)) {
                        result.computeIfAbsent(service.name, s -> new TreeSet<>()).add(key);
                    }
                });
            }
        }
        for (JsonNode d : ofKind(docs, "Deployment")) {
            ServiceConfig service = services.get(name(d));
            if (service != null) {
                d.path("spec").path("template").path("spec").path("containers").forEach(c -> c.path("env").forEach(env -> {
                    if (!service.knows(env.path("name").asText()) && !PROCESS_ENVIRONMENT.contains(env.path("name").asText())
                            && !composedParts(c).contains(env.path("name").asText())) {
                        result.computeIfAbsent(service.name, s -> new TreeSet<>()).add(env.path("name").asText());
                    }
                }));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------ secrets

    /** No Secret carries a value, except the marked example Secrets of the local overlay with their placeholder values. */
    static List<String> secrets(List<JsonNode> docs, String overlay) {
        List<String> problems = new ArrayList<>();
        for (JsonNode s : ofKind(docs, "Secret")) {
            Map<String, String> values = new LinkedHashMap<>();
            s.path("data").fields().forEachRemaining(e -> values.put(e.getKey(),
                    new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
            s.path("stringData").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
            if (values.isEmpty()) {
                continue;
            }
            boolean marked = "true".equals(s.path("metadata").path("labels").path(LOCAL_EXAMPLE_LABEL).asText());
            if (!overlay.equals("local") || !marked) {
                problems.add("Secret " + name(s) + " carries values in overlay " + overlay
                        + "; only the local overlay's example Secrets (label " + LOCAL_EXAMPLE_LABEL + ") may");
                continue;
            }
            values.forEach((key, value) -> {
                // an empty value carries no secret (the example missions-api-tokens leaves tokens to each person)
                if (!key.equals("username") && !value.isEmpty() && !isExampleValue(value)) {
                    problems.add("example Secret " + name(s) + " key " + key + " holds something other than " + LOCAL_EXAMPLE_VALUE);
                }
            });
        }
        return problems;
    }

    /** The example value, or its base64 where a key must be binary (Mission Control's session key is 32 bytes). */
    static boolean isExampleValue(String value) {
        if (value.equals(LOCAL_EXAMPLE_VALUE)) {
            return true;
        }
        try {
            return new String(java.util.Base64.getDecoder().decode(value), java.nio.charset.StandardCharsets.UTF_8)
                    .startsWith(LOCAL_EXAMPLE_VALUE);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * Every Secret the manifests read exists in the overlay, is written by Strimzi (a KafkaUser's, the cluster CA), or is
     * one the README tells people to create (a `name` in the first column of its Secrets table).
     */
    static List<String> secretReferences(List<JsonNode> docs, Set<String> documented) {
        Set<String> known = new TreeSet<>(documented);
        ofKind(docs, "Secret").forEach(s -> known.add(name(s)));
        ofKind(docs, "KafkaUser").forEach(u -> known.add(name(u)));
        ofKind(docs, "Kafka").forEach(k -> known.add(name(k) + "-cluster-ca-cert"));
        Set<String> referenced = new TreeSet<>();
        docs.forEach(d -> secretNames(d, "", referenced));
        List<String> problems = new ArrayList<>();
        for (String name : referenced) {
            if (!known.contains(name)) {
                problems.add("Secret " + name + " is read but nothing makes it and k8s/README.md does not say to create it");
            }
        }
        return problems;
    }

    private static void secretNames(JsonNode node, String field, Set<String> out) {
        boolean secretish = field.toLowerCase().contains("secret") || field.equals("accessKeyId");
        if (node.isObject()) {
            if (secretish && node.hasNonNull("name")) {
                out.add(node.path("name").asText());
            }
            if (node.hasNonNull("secretName")) {
                out.add(node.path("secretName").asText());
            }
            node.fields().forEachRemaining(e -> secretNames(e.getValue(), e.getKey(), out));
        } else if (node.isArray()) {
            node.forEach(item -> secretNames(item, field, out));
        }
    }

    /** The Secret names of k8s/README.md's Secrets table: the backticked name first in each row. */
    static Set<String> documentedSecrets(String readme) {
        Set<String> names = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\| `([a-z0-9-]+)`").matcher(readme);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    // ------------------------------------------------------------------------------------------ network

    /** Only the gateway is open to sources outside the cluster; every service sits behind the default deny. */
    static List<String> network(List<JsonNode> docs, Map<String, ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> podLabels = new LinkedHashMap<>();
        ofKind(docs, "Deployment").forEach(d -> podLabels.put(name(d), d.path("spec").path("template").path("metadata").path("labels")));
        for (JsonNode np : ofKind(docs, "NetworkPolicy")) {
            for (JsonNode rule : np.path("spec").path("ingress")) {
                boolean open = rule.path("from").size() == 0
                        || rule.path("from").findValues("ipBlock").stream().anyMatch(b -> !b.isMissingNode());
                if (!open) {
                    continue;
                }
                podLabels.forEach((deployment, labels) -> {
                    if (selects(np.path("spec").path("podSelector"), labels) && !deployment.equals("integration-gateway")) {
                        problems.add("NetworkPolicy " + name(np) + " opens " + deployment + " to traffic from outside the cluster");
                    }
                });
            }
        }
        for (String service : services.keySet()) {
            JsonNode labels = podLabels.get(service);
            if (labels == null) {
                continue;
            }
            boolean denied = ofKind(docs, "NetworkPolicy").stream().anyMatch(np -> selects(np.path("spec").path("podSelector"), labels)
                    && np.path("spec").path("policyTypes").toString().contains("Ingress")
                    && np.path("spec").path("policyTypes").toString().contains("Egress")
                    && np.path("spec").path("ingress").isMissingNode() && np.path("spec").path("egress").isMissingNode());
            if (!denied) {
                problems.add("no default-deny NetworkPolicy covers " + service);
            }
        }
        return problems;
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String value = labels.path(expr.path("key").asText()).asText(null);
            List<String> values = new ArrayList<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expr.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ Strimzi model

    /**
     * Each Kafka, KafkaNodePool, KafkaTopic and KafkaUser deserializes into Strimzi's own model class (io.strimzi:api),
     * failing on unknown properties. Strimzi's classes keep unknown fields in additionalProperties instead of failing,
     * so every object of the result is also walked and any field that landed there is a problem.
     */
    static List<String> strimziModel(List<JsonNode> docs) {
        return model(docs, STRIMZI_MODEL);
    }

    /** The same for Kubernetes' own kinds, through fabric8's model classes, each at the API version it is written for. */
    static List<String> kubernetesModel(List<JsonNode> docs) {
        return model(docs, KUBERNETES_MODEL);
    }

    private static List<String> model(List<JsonNode> docs, Map<String, Map.Entry<String, Class<?>>> kinds) {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : docs) {
            Map.Entry<String, Class<?>> expected = kinds.get(kind(doc));
            if (expected == null) {
                continue;
            }
            Class<?> type = expected.getValue();
            String what = kind(doc) + " " + name(doc);
            if (!expected.getKey().equals(doc.path("apiVersion").asText())) {
                problems.add(what + " uses " + doc.path("apiVersion").asText() + ", not " + expected.getKey());
            }
            try {
                Object model = mapper.treeToValue(doc, type);
                unknownFields(model, what, problems, new IdentityHashMap<>());
                // and nothing is lost or changed on the way through the model (an enum value it does not know becomes null)
                // (serialized with every property included: the model's own annotations leave out defaults)
                ObjectNode in = doc.deepCopy();
                in.remove("apiVersion"); // checked above; a model class may answer with another served version
                lost(in, EVERY_PROPERTY.valueToTree(model), what, problems);
            } catch (Exception e) {
                problems.add(what + " does not fit " + type.getName() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return problems;
    }

    /**
     * KEDA and CloudNativePG publish no Java model here, so their resources are checked against the CRD fields this tree
     * may use (from the KEDA 2.17 and CloudNativePG 1.27 API references): every field of a document must be one of these
     * paths, or lie under one ending in ".*" (free-form maps such as a trigger's metadata). A typo fails; a field not
     * listed yet must be added here after checking the CRD.
     */
    static final Map<String, Map.Entry<String, Set<String>>> CRD_FIELDS = Map.of(
            "ScaledObject", Map.entry("keda.sh/v1alpha1", Set.of("spec.scaleTargetRef.name", "spec.scaleTargetRef.kind",
                    "spec.scaleTargetRef.apiVersion", "spec.scaleTargetRef.envSourceContainerName", "spec.pollingInterval",
                    "spec.cooldownPeriod", "spec.initialCooldownPeriod", "spec.idleReplicaCount", "spec.minReplicaCount",
                    "spec.maxReplicaCount", "spec.fallback.*", "spec.advanced.*", "spec.triggers[].type", "spec.triggers[].name",
                    "spec.triggers[].metricType", "spec.triggers[].useCachedMetrics", "spec.triggers[].metadata.*",
                    "spec.triggers[].authenticationRef.name", "spec.triggers[].authenticationRef.kind")),
            "TriggerAuthentication", Map.entry("keda.sh/v1alpha1", Set.of("spec.secretTargetRef[].parameter",
                    "spec.secretTargetRef[].name", "spec.secretTargetRef[].key", "spec.configMapTargetRef[].parameter",
                    "spec.configMapTargetRef[].name", "spec.configMapTargetRef[].key", "spec.env[].parameter", "spec.env[].name",
                    "spec.env[].containerName", "spec.podIdentity.*")),
            "Cluster", Map.entry("postgresql.cnpg.io/v1", Set.of("spec.instances", "spec.imageName", "spec.primaryUpdateStrategy",
                    "spec.primaryUpdateMethod", "spec.storage.size", "spec.storage.storageClass", "spec.walStorage.size",
                    "spec.walStorage.storageClass", "spec.resources.*", "spec.postgresql.parameters.*",
                    "spec.bootstrap.initdb.database", "spec.bootstrap.initdb.owner", "spec.bootstrap.initdb.secret.name",
                    "spec.bootstrap.initdb.postInitSQL[]", "spec.bootstrap.initdb.postInitApplicationSQL[]",
                    "spec.managed.roles[].name", "spec.managed.roles[].ensure", "spec.managed.roles[].login",
                    "spec.managed.roles[].passwordSecret.name", "spec.managed.roles[].comment", "spec.managed.roles[].connectionLimit",
                    "spec.managed.roles[].inRoles[]", "spec.affinity.enablePodAntiAffinity", "spec.affinity.podAntiAffinityType",
                    "spec.affinity.topologyKey", "spec.affinity.nodeSelector.*", "spec.affinity.tolerations[].*",
                    "spec.backup.retentionPolicy", "spec.backup.target", "spec.backup.barmanObjectStore.destinationPath",
                    "spec.backup.barmanObjectStore.endpointURL", "spec.backup.barmanObjectStore.serverName",
                    "spec.backup.barmanObjectStore.s3Credentials.accessKeyId.name",
                    "spec.backup.barmanObjectStore.s3Credentials.accessKeyId.key",
                    "spec.backup.barmanObjectStore.s3Credentials.secretAccessKey.name",
                    "spec.backup.barmanObjectStore.s3Credentials.secretAccessKey.key",
                    "spec.backup.barmanObjectStore.s3Credentials.region.name",
                    "spec.backup.barmanObjectStore.s3Credentials.region.key",
                    "spec.backup.barmanObjectStore.s3Credentials.inheritFromIAMRole",
                    "spec.backup.barmanObjectStore.wal.compression", "spec.backup.barmanObjectStore.wal.maxParallel",
                    "spec.backup.barmanObjectStore.data.compression", "spec.backup.barmanObjectStore.data.jobs",
                    "spec.monitoring.enablePodMonitor")),
            "Database", Map.entry("postgresql.cnpg.io/v1", Set.of("spec.name", "spec.owner", "spec.cluster.name", "spec.ensure",
                    "spec.encoding", "spec.databaseReclaimPolicy")),
            "ScheduledBackup", Map.entry("postgresql.cnpg.io/v1", Set.of("spec.schedule", "spec.backupOwnerReference",
                    "spec.cluster.name", "spec.immediate", "spec.suspend", "spec.method", "spec.target")),
            "PodMonitor", Map.entry("monitoring.coreos.com/v1", Set.of("spec.selector.matchLabels.*",
                    "spec.podMetricsEndpoints[].port", "spec.podMetricsEndpoints[].path", "spec.podMetricsEndpoints[].interval")));

    static List<String> crdFields(List<JsonNode> docs) {
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : docs) {
            Map.Entry<String, Set<String>> crd = CRD_FIELDS.get(kind(doc));
            if (crd == null) {
                continue;
            }
            String what = kind(doc) + " " + name(doc);
            if (!crd.getKey().equals(doc.path("apiVersion").asText())) {
                problems.add(what + " uses " + doc.path("apiVersion").asText() + ", not " + crd.getKey());
            }
            doc.fieldNames().forEachRemaining(f -> {
                if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(f)) {
                    problems.add(what + " has a top-level field " + f);
                }
            });
            List<String> paths = new ArrayList<>();
            leafPaths(doc.path("spec"), "spec", paths);
            for (String path : paths) {
                boolean allowed = crd.getValue().contains(path) || crd.getValue().stream()
                        .anyMatch(a -> a.endsWith(".*") && path.startsWith(a.substring(0, a.length() - 1)));
                if (!allowed) {
                    problems.add(what + " sets " + path + ", which is not among the " + kind(doc) + " fields this tree knows");
                }
            }
        }
        return problems;
    }

    private static void leafPaths(JsonNode node, String path, List<String> out) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(e -> leafPaths(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
            node.forEach(item -> leafPaths(item, path + "[]", out));
        } else {
            out.add(node.isArray() ? path + "[]" : path);
        }
    }

    private static final ObjectMapper EVERY_PROPERTY = new ObjectMapper().setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
        @Override
        public JsonInclude.Value findPropertyInclusion(Annotated a) {
            return JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
        }
    });

    private static void lost(JsonNode in, JsonNode out, String path, List<String> problems) {
        if (in.isObject()) {
            in.fieldNames().forEachRemaining(f -> {
                if (out.path(f).isMissingNode() || out.path(f).isNull()) {
                    problems.add(path + "." + f + " does not survive Strimzi's model (" + in.path(f) + ")");
                } else {
                    lost(in.path(f), out.path(f), path + "." + f, problems);
                }
            });
        } else if (in.isArray()) {
            for (int i = 0; i < in.size(); i++) {
                if (out.path(i).isMissingNode() || out.path(i).isNull()) {
                    problems.add(path + "[" + i + "] does not survive Strimzi's model (" + in.path(i) + ")");
                } else {
                    lost(in.path(i), out.path(i), path + "[" + i + "]", problems);
                }
            }
        } else if (!in.asText().equalsIgnoreCase(out.asText())) {
            problems.add(path + " becomes " + out + " in Strimzi's model, from " + in);
        }
    }

    private static void unknownFields(Object o, String path, List<String> problems, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Iterable<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.strimzi") && !pkg.startsWith("io.fabric8")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class
                    || !(m.getName().startsWith("get") || m.getName().startsWith("is"))) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + " has fields Strimzi does not know: " + extra.keySet());
                }
                continue;
            }
            String field = m.getName().startsWith("get") ? m.getName().substring(3) : m.getName().substring(2);
            unknownFields(value, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), problems, seen);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    static List<JsonNode> ofKind(List<JsonNode> docs, String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return docs.stream().filter(d -> wanted.contains(kind(d))).toList();
    }

    static Optional<JsonNode> find(List<JsonNode> docs, String kind, String name) {
        return ofKind(docs, kind).stream().filter(d -> name.equals(name(d))).findFirst();
    }

    static String kind(JsonNode doc) {
        return doc.path("kind").asText();
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }
}
