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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (headless Chromium over DevTools): it loads from the service jar,
 * shows a key created through the API with its ciphersuite and verifying key, and the journal's
 * requests. The fault-rule part (add, see, remove a rule through the page) runs when the service
 * answers /admin/faults; without that endpoint the page must say fault injection is unavailable.
 * CI installs chromium (.ci/install-deps.sh): there a missing browser fails the test.
 */
class ConsoleIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void theConsoleShowsKeysJournalAndManagesFaultRules() throws Exception {
    Path chromium = HeadlessChromium.binary();
    if (chromium == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("chromium is not installed: CI must run .ci/install-deps.sh (apt-get install -y chromium)");
      }
      Assumptions.abort("chromium is not installed (apt-get install -y chromium); CI fails here instead");
    }
    int port = Sandbox.freePort();
    Map<String, String> env = Map.of(
        "SIGNER_HTTP_HOST", "127.0.0.1",
        "SIGNER_HTTP_PORT", Integer.toString(port),
        "SIGNER_EVENT_LOOPS", "2",
        "SIGNER_FAULTS_ENABLED", "true");
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

        HttpAnswer faults = http.get("/admin/faults");
        if (faults.status() == 404 || faults.status() == 405) {
          // this build has no fault-rule endpoint: the page says so instead of failing
          assertEquals("false", browser.await("document.querySelector('#faults-status').dataset.available", WAIT).asText());
          assertTrue(browser.eval("document.querySelector('#faults-status').textContent").asText().contains("not available"));
          return;
        }
        assertEquals(200, faults.status(), faults.body());
        faultRules(browser, http, keyid);
      }
    }
  }

  /** Adds a rule through the form, sees it listed and stored, removes it with its button. */
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
    browser.eval("document.querySelector('#faults button.fault-remove[data-id=\"" + id + "\"]').click()");
    browser.await("![...document.querySelectorAll('#faults tbody tr')].some(tr => tr.dataset.id === '" + id + "')", WAIT);
    assertFalse(http.get("/admin/faults").expect(200).body().contains(path), "the rule was removed");
  }

  @SuppressWarnings("unchecked")
  private static <E> String verifyingKey(SuiteBinding<E> suite, FrostClient.Keys<?> keys) {
    return suite.frost().json().element(((FrostClient.Keys<E>) keys).publicKeyPackage().verifyingKey());
  }
}
