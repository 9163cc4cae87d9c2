package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.signer.SuiteBinding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (headless Chromium over DevTools): it loads from the service jar,
 * shows a key created through the API with its ciphersuite and verifying key and the journal's
 * requests, and a request's bodies when its journal row is clicked. The fault-rule part (add, see, remove a rule through the page) runs when the service
 * answers /admin/faults; without that endpoint the page must say fault injection is unavailable.
 * CI installs chromium (.ci/install-deps.sh): there a missing browser fails the test.
 */
class ConsoleIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void theConsoleShowsKeysJournalAndManagesFaultRules() throws Exception {
    Path chromium = HeadlessChromium.binary();
    if (chromium == null) {
      // a missing browser must not turn into a skipped test that looks like a pass
      fail("chromium is not installed: run .ci/install-deps.sh (apt-get install -y chromium)");
    }
    int port = Sandbox.freePort();
    Map<String, String> env = Map.of(
        "SIGNER_HTTP_HOST", "127.0.0.1",
        "SIGNER_HTTP_PORT", Integer.toString(port),
        "SIGNER_EVENT_LOOPS", "2",
        "SIGNER_FAULTS_ENABLED", "true",
        "SIGNER_JOURNAL_BODIES", "true");
    try (ServiceProcess svc = ServiceProcess.start(Sandbox.eddsaJar(), env, port)) {
      svc.awaitReady(Duration.ofSeconds(60));
      SignerHttp http = new SignerHttp(svc.baseUrl());
      SuiteBinding<?> suite = EddsaService.DEFINITION.suites().get(0);
      String keyid = Flows.newKeyId();
      String vk = verifyingKey(suite, Flows.dkgAndSign(http, EddsaService.DEFINITION, suite, keyid));

      try (HeadlessChromium browser = HeadlessChromium.launch(chromium)) {
        browser.navigate(svc.baseUrl() + "/console");
        String row = "document.querySelector('#keys tr[data-keyid=\"" + keyid + "\"]')";
        assertEquals(vk, browser.await(row + "?.querySelector('.verifying-key').textContent", WAIT).asText());
        assertEquals(suite.ciphersuite(), browser.eval(row + ".querySelector('.ciphersuite').textContent").asText());
        assertEquals("eddsa (/signers/eddsa)", browser.eval("document.querySelector('#service').textContent").asText());
        browser.await("[...document.querySelectorAll('#journal tbody tr')].some(tr => tr.textContent.includes("
            + "'/signers/eddsa/dkg/round1/" + keyid + "'))", WAIT);

        // a click on the DKG's first request shows both its bodies, pretty-printed
        browser.eval("[...document.querySelectorAll('#journal tbody tr')].find(tr => tr.textContent.includes("
            + "'/signers/eddsa/dkg/round1/" + keyid + "')).click()");
        browser.await("document.querySelector('#response-body').textContent.includes('\"round1_package\": {')", WAIT);
        assertTrue(browser.eval("document.querySelector('#request-body').textContent").asText().contains("\"round1_package\""));
        assertFalse(browser.eval("document.querySelector('#bodies').hidden").asBoolean());

        assertEquals(200, http.get("/admin/faults").status());
        faultRules(browser, http, keyid);
      }
    }
  }

  /** Adds a rule through the form, sees it stored and firing, removes it with its button. */
  private static void faultRules(HeadlessChromium browser, SignerHttp http, String keyid) throws Exception {
    browser.await("document.querySelector('#faults-status').dataset.available === 'true'", WAIT);
    String path = "/signers/eddsa/keys/" + keyid;
    browser.eval("(() => { const f = document.querySelector('#fault-form');"
        + " f.elements.method.value = 'GET'; f.elements.path.value = '" + path + "';"
        + " f.elements.keyid.value = '" + keyid + "'; f.elements.fault.value = 'redis-error';"
        + " f.elements.times.value = '5'; document.querySelector('#fault-add').click(); return true; })()");
    String id = browser.await("[...document.querySelectorAll('#faults tbody tr')].find(tr => tr.textContent.includes('"
        + path + "'))?.dataset.id", WAIT).asText();
    JsonNode stored = http.get("/admin/faults").expect(200).json();
    assertTrue(stored.toString().contains(path), "the rule reached the service: " + stored);
    // the rule fires on the real API: the key read fails as if Redis were down
    HttpAnswer failed = http.get(path);
    assertEquals(500, failed.status(), failed.body());
    assertEquals("Redis error", failed.json().path("title").asText());
    assertEquals("redis-error", failed.header("X-Fault-Injected"));
    browser.eval("document.querySelector('#refresh').click()");
    browser.await("[...document.querySelectorAll('#faults tbody tr')].find(tr => tr.dataset.id === '" + id
        + "')?.querySelector('.fault-fired')?.textContent === '1'", WAIT);
    browser.eval("document.querySelector('#faults button.fault-remove[data-id=\"" + id + "\"]').click()");
    browser.await("![...document.querySelectorAll('#faults tbody tr')].some(tr => tr.dataset.id === '" + id + "')", WAIT);
    assertFalse(http.get("/admin/faults").expect(200).body().contains(path), "the rule was removed");
  }

  @SuppressWarnings("unchecked")
  private static <E> String verifyingKey(SuiteBinding<E> suite, FrostClient.Keys<?> keys) {
    return suite.frost().json().element(((FrostClient.Keys<E>) keys).publicKeyPackage().verifyingKey());
  }
}
