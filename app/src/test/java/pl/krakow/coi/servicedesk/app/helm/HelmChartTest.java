package pl.krakow.coi.servicedesk.app.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The Helm chart, linted and rendered with Helm's own code (helm-java), for default and production values. */
class HelmChartTest {

    static final Path CHART =
            Path.of("..", "helm", "coi-servicedesk").toAbsolutePath().normalize();

    @Test
    void chartLintsCleanly() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void defaultValuesRenderAnApiAndAWorkerRole() {
        Manifests manifests = render(template());
        assertThat(manifests.kinds())
                .contains(
                        "ConfigMap",
                        "Service",
                        "Deployment",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "ServiceAccount")
                .doesNotContain("Ingress", "NetworkPolicy", "ServiceMonitor");

        Map<String, Object> api = manifests.one("Deployment", "sd-coi-servicedesk-api");
        Map<String, Object> worker = manifests.one("Deployment", "sd-coi-servicedesk-worker");
        assertThat(env(api)).containsEntry("SERVICEDESK_INSTANCE_ROLES", "api");
        assertThat(env(worker)).containsEntry("SERVICEDESK_INSTANCE_ROLES", "worker");
        assertThat(api)
                .extractingByKey("spec")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .as("replicas come from the HPA")
                .doesNotContainKey("replicas");
        assertThat(get(worker, "spec", "replicas")).isEqualTo(2);

        for (Map<String, Object> deployment : List.of(api, worker)) {
            Map<String, Object> container = container(deployment);
            assertThat(get(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(get(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(get(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(get(container, probe, "httpGet", "port"))
                        .as("%s on the management port", probe)
                        .isEqualTo("management");
            }
            assertThat(container.get("ports").toString()).contains("name=management, containerPort=8081");
            assertThat(get(container, "securityContext", "readOnlyRootFilesystem"))
                    .isEqualTo(true);
            assertThat(get(container, "securityContext", "allowPrivilegeEscalation"))
                    .isEqualTo(false);
            assertThat(get(container, "securityContext", "capabilities", "drop"))
                    .isEqualTo(List.of("ALL"));
            assertThat(get(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"))
                    .isEqualTo(true);
            assertThat(get(deployment, "spec", "template", "spec", "automountServiceAccountToken"))
                    .isEqualTo(false);
            assertThat(container.get("volumeMounts").toString()).contains("mountPath=/tmp");
            assertThat(get(container, "resources", "limits", "memory")).isNotNull();
        }

        Map<String, Object> hpa = manifests.one("HorizontalPodAutoscaler", "sd-coi-servicedesk-api");
        assertThat(get(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("sd-coi-servicedesk-api");
        Map<String, Object> service = manifests.one("Service", "sd-coi-servicedesk");
        assertThat(get(service, "spec", "selector", "app.kubernetes.io/component"))
                .isEqualTo("api");
        assertThat(manifests.all("PodDisruptionBudget")).hasSize(2);

        Map<String, Object> config = manifests.one("ConfigMap", "sd-coi-servicedesk");
        assertThat(get(config, "data", "SERVICEDESK_EMBEDDED_ENABLED")).isEqualTo("false");
        assertThat(get(config, "data", "SERVICEDESK_SECURITY_LOCAL_ISSUER_ENABLED"))
                .isEqualTo("false");
        assertThat(get(config, "data", "LOGGING_STRUCTURED_FORMAT_CONSOLE")).isEqualTo("ecs");
        assertThat(get(config, "data", "MANAGEMENT_SERVER_PORT"))
                .as("the actuator on a port of its own")
                .isEqualTo("8081");
        assertThat(list(get(service, "spec", "ports")))
                .as("the routed Service exposes the API port only")
                .singleElement()
                .satisfies(port -> assertThat(port).containsEntry("targetPort", "http"));
        Map<String, Object> metrics = manifests.one("Service", "sd-coi-servicedesk-metrics");
        assertThat(list(get(metrics, "spec", "ports")))
                .singleElement()
                .satisfies(port ->
                        assertThat(port).containsEntry("name", "management").containsEntry("port", 8081));
        assertThat(get(config, "data", "MANAGEMENT_ENDPOINT_HEALTH_GROUP_READINESS_INCLUDE"))
                .as("an Elasticsearch outage does not stop ticket intake")
                .isEqualTo("readinessState,db");
    }

    @Test
    void productionValuesWireSecretsTlsAndObservability() {
        Manifests manifests = render(template().withValuesFile(CHART.resolve("values-production.yaml")));
        Map<String, Object> api = manifests.one("Deployment", "sd-coi-servicedesk-api");
        List<Map<String, Object>> env = list(container(api).get("env"));
        assertThat(secretRef(env, "SPRING_DATASOURCE_URL")).isEqualTo("servicedesk-db-app/jdbc-uri");
        assertThat(secretRef(env, "SPRING_DATASOURCE_USERNAME")).isEqualTo("servicedesk-db-app/username");
        assertThat(secretRef(env, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("servicedesk-db-app/password");
        assertThat(secretRef(env, "SERVICEDESK_ELASTICSEARCH_PASSWORD"))
                .isEqualTo("servicedesk-es-es-elastic-user/elastic");
        assertThat(env(api))
                .containsEntry("SERVICEDESK_ELASTICSEARCH_CA_CERTIFICATE", "/etc/servicedesk/elasticsearch-ca/ca.crt");
        assertThat(get(api, "spec", "template", "spec", "volumes").toString())
                .contains("secretName=servicedesk-es-es-http-certs-public");

        Map<String, Object> config = manifests.one("ConfigMap", "sd-coi-servicedesk");
        assertThat(cast((Map<?, ?>) get(config, "data")))
                .doesNotContainKey("SPRING_DATASOURCE_URL")
                .containsEntry(
                        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", "https://sso.um.krakow.pl/realms/umk")
                .containsEntry("SERVICEDESK_SECURITY_UNIT_CLAIM", "department")
                .containsEntry("SERVICEDESK_ELASTICSEARCH_URIS", "https://servicedesk-es-es-http:9200");

        Map<String, Object> ingress = manifests.one("Ingress", "sd-coi-servicedesk");
        assertThat(ingress.toString()).contains("servicedesk.um.krakow.pl", "secretName=servicedesk-tls");
        assertThat(manifests.kinds()).contains("NetworkPolicy", "ServiceMonitor");
        Map<String, Object> monitor = manifests.one("ServiceMonitor", "sd-coi-servicedesk");
        assertThat(monitor.toString()).contains("path=/actuator/prometheus");
        assertThat(list(get(monitor, "spec", "endpoints")))
                .singleElement()
                .satisfies(endpoint -> assertThat(endpoint).containsEntry("port", "management"));
        assertThat(ingress.toString())
                .as("the Ingress routes the API Service's API port, never the management port")
                .contains("name=sd-coi-servicedesk, port={name=http}")
                .doesNotContain("management", "metrics");
        Map<String, Object> policy = manifests.one("NetworkPolicy", "sd-coi-servicedesk");
        assertThat(get(policy, "spec", "ingress").toString())
                .contains("port=8081", "kubernetes.io/metadata.name=monitoring");
        assertThat(get(manifests.one("HorizontalPodAutoscaler", "sd-coi-servicedesk-api"), "spec", "minReplicas"))
                .isEqualTo(3);
    }

    @Test
    void unsafeOrIncompleteValuesAreRefused() {
        assertThatThrownBy(() -> template()
                        .set("securityContext.allowPrivilegeEscalation", "true")
                        .call())
                .hasMessageContaining("allowPrivilegeEscalation");
        assertThatThrownBy(() -> template().set("postgresql.url", "").call()).hasMessageContaining("postgresql.url");
        assertThatThrownBy(() -> template().set("management.port", "8080").call())
                .as("the management port must not be the API port")
                .hasMessageContaining("management");
        assertThatThrownBy(
                        () -> template().set("elasticsearch.uris[0]", "es:9200").call())
                .hasMessageContaining("uris");
    }

    /** helm template for release "sd" on Kubernetes 1.31 (helm's default, 1.20, is below the chart's minimum). */
    private static com.marcnuri.helm.TemplateCommand template() {
        return new Helm(CHART).template().withName("sd").withKubeVersion("1.31.0");
    }

    private static Manifests render(com.marcnuri.helm.TemplateCommand command) {
        String rendered = command.call();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered)) {
            if (document instanceof Map<?, ?> map) {
                documents.add(cast(map));
            }
        }
        return new Manifests(documents);
    }

    record Manifests(List<Map<String, Object>> documents) {

        List<String> kinds() {
            return documents.stream().map(d -> (String) d.get("kind")).toList();
        }

        List<Map<String, Object>> all(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        Map<String, Object> one(String kind, String name) {
            return all(kind).stream()
                    .filter(d -> name.equals(get(d, "metadata", "name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + kinds()));
        }
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        return list(get(deployment, "spec", "template", "spec", "containers")).get(0);
    }

    private static Map<String, String> env(Map<String, Object> deployment) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Map<String, Object> variable : list(container(deployment).get("env"))) {
            if (variable.get("value") != null) {
                values.put((String) variable.get("name"), variable.get("value").toString());
            }
        }
        return values;
    }

    private static String secretRef(List<Map<String, Object>> env, String name) {
        return env.stream()
                .filter(v -> name.equals(v.get("name")))
                .map(v ->
                        get(v, "valueFrom", "secretKeyRef", "name") + "/" + get(v, "valueFrom", "secretKeyRef", "key"))
                .findFirst()
                .orElse(null);
    }

    private static Object get(Map<String, Object> map, String... path) {
        Object current = map;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
