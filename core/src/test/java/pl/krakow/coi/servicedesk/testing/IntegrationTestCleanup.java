package pl.krakow.coi.servicedesk.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Removes a test class's database and indices after Spring has closed its context (this extension
 * is registered before Spring's, so its after-all callback runs after Spring's).
 */
public final class IntegrationTestCleanup implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        if (testClass.getEnclosingClass() != null) {
            return;
        }
        TestDatabases.drop(testClass);
        URI indices = SharedStack.get().elasticsearchUri().resolve("/" + TestDatabases.indexPrefixFor(testClass) + "*");
        HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(indices).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }
}
