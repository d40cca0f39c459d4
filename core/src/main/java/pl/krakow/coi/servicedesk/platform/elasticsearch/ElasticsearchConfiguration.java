package pl.krakow.coi.servicedesk.platform.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Elasticsearch client. Spring Boot 4.1's auto-configuration targets the 9.x client, which an
 * 8.19 node refuses, so the 8.19 client is wired here (ADR 0002).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ElasticsearchProperties.class)
class ElasticsearchConfiguration {

    @Bean(destroyMethod = "close")
    RestClient elasticsearchRestClient(ElasticsearchProperties properties) {
        HttpHost[] hosts = properties.uris().stream()
                .map(uri -> new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()))
                .toArray(HttpHost[]::new);
        List<Header> headers = new ArrayList<>();
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + properties.apiKey()));
        }
        SSLContext sslContext = properties.caCertificate() == null ? null : sslContext(properties);
        return RestClient.builder(hosts)
                .setDefaultHeaders(headers.toArray(Header[]::new))
                .setRequestConfigCallback(config -> config.setConnectTimeout(
                                (int) properties.connectTimeout().toMillis())
                        .setSocketTimeout((int) properties.socketTimeout().toMillis())
                        // A frozen node keeps its connections open: without a bound, a request waiting for a
                        // connection from the pool would wait for ever.
                        .setConnectionRequestTimeout(
                                (int) properties.socketTimeout().toMillis()))
                .setHttpClientConfigCallback(client -> {
                    client.setMaxConnTotal(64).setMaxConnPerRoute(32);
                    if (properties.username() != null && !properties.username().isBlank()) {
                        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                        credentials.setCredentials(
                                AuthScope.ANY,
                                new UsernamePasswordCredentials(properties.username(), properties.password()));
                        client.setDefaultCredentialsProvider(credentials);
                    }
                    if (sslContext != null) {
                        client.setSSLContext(sslContext);
                    }
                    return client;
                })
                .build();
    }

    @Bean(destroyMethod = "close")
    ElasticsearchTransport elasticsearchTransport(RestClient restClient) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return new RestClientTransport(restClient, new JacksonJsonpMapper(mapper));
    }

    @Bean
    ElasticsearchClient elasticsearchClient(ElasticsearchTransport transport) {
        return new ElasticsearchClient(transport);
    }

    @Bean
    QueryDeadline queryDeadline(ElasticsearchClient client, ElasticsearchProperties properties) {
        return new QueryDeadline(client, properties.connectTimeout(), properties.queryTimeout());
    }

    private static SSLContext sslContext(ElasticsearchProperties properties) {
        try (InputStream pem = Files.newInputStream(properties.caCertificate())) {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int index = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trustStore.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot load the Elasticsearch CA certificate " + properties.caCertificate(), e);
        }
    }
}
