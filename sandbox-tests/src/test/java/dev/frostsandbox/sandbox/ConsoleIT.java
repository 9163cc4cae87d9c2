package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.signer.SuiteBinding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (headless Chromium over DevTools): it loads from the service jar,
 * shows a key created through the API with its ciphersuite and verifying key and the journal's
 * requests, and a request's bodies when its journal row is clicked; the journal's filters; a key's
 * timeline (a sequence diagram) opened from a request id, with a faulted signing, a cheating
 * cosigner and an error marked on their arrows, and an arrow's bodies; a fault rule added from the
 * lists the page builds from /admin/faults/catalogue, its fired count rising, its removal. CI
 * installs chromium (.ci/install-deps.sh): there a missing browser fails the test.
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
    Map<String, String> env =
        Map.of(
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
      FrostClient.Keys<?> keys = Flows.dkgAndSign(http, EddsaService.DEFINITION, suite, keyid);
      String vk = verifyingKey(suite, keys);

      try (HeadlessChromium browser = HeadlessChromium.launch(chromium)) {
        browser.navigate(svc.baseUrl() + "/console");
        String row = "document.querySelector('#keys tr[data-keyid=\"" + keyid + "\"]')";
        assertEquals(
            vk,
            browser.await(row + "?.querySelector('.verifying-key').textContent", WAIT).asText());
        assertEquals(
            suite.ciphersuite(),
            browser.eval(row + ".querySelector('.ciphersuite').textContent").asText());
        assertEquals(
            "eddsa (/signers/eddsa)",
            browser.eval("document.querySelector('#service').textContent").asText());
        // the nonce mode from /health/ready: random here (no SIGNER_DETERMINISTIC_SEED)
        assertEquals(
            "random",
            browser.await("document.querySelector('#mode').dataset.mode || null", WAIT).asText());
        browser.await(
            "[...document.querySelectorAll('#journal tbody tr')].some(tr => tr.textContent.includes("
                + "'/signers/eddsa/dkg/round1/"
                + keyid
                + "'))",
            WAIT);

        // a click on the DKG's first request shows both its bodies, pretty-printed
        browser.eval(
            "[...document.querySelectorAll('#journal tbody tr')].find(tr => tr.textContent.includes("
                + "'/signers/eddsa/dkg/round1/"
                + keyid
                + "')).click()");
        browser.await(
            "document.querySelector('#response-body').textContent.includes('\"round1_package\": {')",
            WAIT);
        assertTrue(
            browser
                .eval("document.querySelector('#request-body').textContent")
                .asText()
                .contains("\"round1_package\""));
        assertFalse(browser.eval("document.querySelector('#bodies').hidden").asBoolean());

        timeline(browser, svc.baseUrl(), suite, keys, keyid);

        assertEquals(200, http.get("/admin/faults").status());
        faultRules(browser, http, keyid);
      }
    }
  }

  /**
   * A faulted signing (the store fails: X-Fault: redis-error), a cheating cosigner (X-Fault:
   * bad-signature-share, a 200 whose share is wrong) and an error nobody injected (a sign request
   * the parser rejects), then the key's timeline opened from the journal's request-id link: one
   * request and one answer arrow per exchange, in order, each fault and error marked with its text,
   * the problem type and detail, request ids and latencies, and an arrow's bodies in the panel.
   */
  private static <E> void timeline(
      HeadlessChromium browser,
      String baseUrl,
      SuiteBinding<E> suite,
      FrostClient.Keys<?> anyKeys,
      String keyid)
      throws Exception {
    FrostClient.Keys<E> keys = keysOf(suite, anyKeys);
    FrostClient<E> client =
        new FrostClient<>(suite.frost(), EddsaService.DEFINITION.prefix(), new SecureRandom());
    String sign = "/signers/eddsa/sign/" + keyid;
    FrostClient.OneRoundSign<E> request =
        client.signOneRoundRequest(
            keys,
            "console".getBytes(StandardCharsets.UTF_8),
            client.newNonces(keys, client.defaultSigners(keys)));
    HttpAnswer redis =
        new SignerHttp(baseUrl)
            .header("X-Fault", "redis-error")
            .header("X-Request-Id", "console-redis-" + keyid)
            .post(sign, request.body());
    assertEquals(500, redis.status(), redis.body());
    HttpAnswer cheat =
        new SignerHttp(baseUrl)
            .header("X-Fault", "bad-signature-share")
            .header("X-Request-Id", "console-cheat-" + keyid)
            .post(sign, request.body());
    assertEquals(200, cheat.status(), cheat.body());
    HttpAnswer bad =
        new SignerHttp(baseUrl)
            .header("X-Request-Id", "console-bad-" + keyid)
            .post(sign, "{}", "application/json");
    assertEquals(400, bad.status(), bad.body());
    // a broken connection: no answer, yet journaled under its key with what was injected
    SignerHttp reset =
        new SignerHttp(baseUrl)
            .header("X-Fault-Abort", "reset")
            .header("X-Request-Id", "console-reset-" + keyid);
    // (a POST: the JDK client retries a GET once on a reset connection)
    assertThrows(java.io.UncheckedIOException.class, () -> reset.post(sign, request.body()));
    JsonNode transcript =
        new SignerHttp(baseUrl).get("/admin/transcripts/" + keyid).expect(200).json();
    int exchanges = transcript.get("exchanges").size();
    // DKG (2), one-round sign, two-round sign (2), and the four above
    assertEquals(9, exchanges, transcript.toString());

    // the journal's filters: 5xx shows the redis-error request and only 5xx; a fault filter per
    // fault
    String journalRows = "[...document.querySelectorAll('#journal tbody tr')]";
    browser.await(
        journalRows + ".some(tr => tr.dataset.requestId === 'console-bad-" + keyid + "')", WAIT);
    browser.eval(
        "(() => { const s = document.querySelector('#filter-status'); s.value = '5'; s.dispatchEvent(new Event('change')); return true; })()");
    assertTrue(
        browser.eval(journalRows + ".every(tr => tr.dataset.status.startsWith('5'))").asBoolean());
    assertTrue(
        browser
            .eval(
                journalRows + ".some(tr => tr.dataset.requestId === 'console-redis-" + keyid + "')")
            .asBoolean());
    assertFalse(
        browser
            .eval(
                journalRows + ".some(tr => tr.dataset.requestId === 'console-cheat-" + keyid + "')")
            .asBoolean());
    browser.eval(
        "(() => { const s = document.querySelector('#filter-status'); s.value = ''; s.dispatchEvent(new Event('change'));"
            + " const f = document.querySelector('#filter-fault'); f.value = 'f:bad-signature-share'; f.dispatchEvent(new Event('change')); return true; })()");
    assertEquals(
        "console-cheat-" + keyid,
        browser
            .eval(
                journalRows
                    + ".map(tr => tr.dataset.requestId).filter(id => id.includes('"
                    + keyid
                    + "')).join(' ')")
            .asText());
    assertTrue(
        browser
            .eval(journalRows + ".every(tr => tr.dataset.fault === 'bad-signature-share')")
            .asBoolean());
    browser.eval(
        "(() => { const f = document.querySelector('#filter-fault'); f.value = 'f:redis-error'; f.dispatchEvent(new Event('change')); return true; })()");

    // the request id opens the key's timeline at that request
    browser.eval(
        journalRows
            + ".find(tr => tr.dataset.requestId === 'console-redis-"
            + keyid
            + "').querySelector('a.open-timeline').click()");
    String seq = "document.querySelector('#seq')";
    browser.await(
        "document.querySelector('#timeline-keyid').textContent === '"
            + keyid
            + "' && "
            + seq
            + ".querySelectorAll('.exchange').length === "
            + exchanges,
        WAIT);
    assertEquals(
        "console-redis-" + keyid,
        browser
            .await("document.querySelector('#seq .exchange.highlight')?.dataset.requestId", WAIT)
            .asText());
    assertFalse(browser.eval("document.querySelector('#timeline').hidden").asBoolean());
    assertEquals(2 * exchanges, browser.eval(seq + ".querySelectorAll('.arrow').length").asInt());
    assertEquals(
        exchanges, browser.eval(seq + ".querySelectorAll('.arrow.request').length").asInt());
    assertEquals(
        exchanges, browser.eval(seq + ".querySelectorAll('.arrow.answer').length").asInt());
    // in time order, the transcript's order, each request followed by its answer
    JsonNode ids =
        browser.eval(
            "[...document.querySelectorAll('#seq .arrow')].map(a => (a.classList.contains('request') ? '>' : '<') + a.dataset.requestId)");
    for (int i = 0; i < exchanges; i++) {
      String id = transcript.get("exchanges").get(i).get("request_id").asText();
      assertEquals(">" + id, ids.get(2 * i).asText());
      assertEquals("<" + id, ids.get(2 * i + 1).asText());
    }
    JsonNode steps =
        browser.eval("[...document.querySelectorAll('#seq .exchange')].map(x => x.dataset.step)");
    assertEquals(
        "[\"DKG round 1\",\"DKG round 2\",\"sign (one round)\",\"sign round 1 (commit)\",\"sign round 2 (share)\","
            + "\"sign (one round)\",\"sign (one round)\",\"sign (one round)\",\"sign (one round)\"]",
        steps.toString());

    String x = "document.querySelector('#seq .exchange[data-request-id=\"%s\"]')";
    String redisX = String.format(x, "console-redis-" + keyid);
    String cheatX = String.format(x, "console-cheat-" + keyid);
    String badX = String.format(x, "console-bad-" + keyid);
    // the injected store failure: a fault and an error, with the problem's type and detail
    assertEquals("fault error", browser.eval(redisX + ".dataset.outcome").asText());
    String redisAnswer =
        browser.eval(redisX + ".querySelector('.arrow.answer').textContent").asText();
    assertTrue(redisAnswer.contains("FAULT redis-error"), redisAnswer);
    assertTrue(redisAnswer.contains("ERROR 500"), redisAnswer);
    assertEquals(
        redis.json().path("type").asText(),
        browser.eval(redisX + ".querySelector('.problem-type').textContent").asText());
    assertEquals(
        "An error occurred while accessing Redis",
        browser.eval(redisX + ".querySelector('.problem-detail').textContent").asText());
    assertTrue(redisAnswer.contains("request id console-redis-" + keyid), redisAnswer);
    assertTrue(
        browser
            .eval(redisX + ".querySelector('.arrow.request').textContent")
            .asText()
            .contains("FAULT redis-error"));
    assertTrue(
        browser
            .eval(redisX + ".querySelector('.arrow.answer').classList.contains('error')")
            .asBoolean());
    // the cheating cosigner: a fault on a 200, no error
    assertEquals("fault", browser.eval(cheatX + ".dataset.outcome").asText());
    String cheatAnswer =
        browser.eval(cheatX + ".querySelector('.arrow.answer').textContent").asText();
    assertTrue(
        cheatAnswer.contains("200 OK") && cheatAnswer.contains("FAULT bad-signature-share"),
        cheatAnswer);
    assertFalse(cheatAnswer.contains("ERROR"), cheatAnswer);
    // an error nobody injected: marked as an error, not a fault
    assertEquals("error", browser.eval(badX + ".dataset.outcome").asText());
    String badAnswer = browser.eval(badX + ".querySelector('.arrow.answer').textContent").asText();
    assertTrue(badAnswer.contains("ERROR 400") && !badAnswer.contains("FAULT"), badAnswer);
    assertEquals(
        bad.json().path("detail").asText(),
        browser.eval(badX + ".querySelector('.problem-detail').textContent").asText());
    // the broken connection: a fault, and an answer arrow that says none came
    String resetX = String.format(x, "console-reset-" + keyid);
    assertEquals("fault", browser.eval(resetX + ".dataset.outcome").asText());
    String resetAnswer =
        browser.eval(resetX + ".querySelector('.arrow.answer').textContent").asText();
    assertTrue(
        resetAnswer.contains("no answer") && resetAnswer.contains("FAULT abort=reset"),
        resetAnswer);
    // a plain exchange: ok, its request id and latency on both arrows
    String first = transcript.get("exchanges").get(0).get("request_id").asText();
    String firstX = String.format(x, first);
    assertEquals("ok", browser.eval(firstX + ".dataset.outcome").asText());
    double latency = transcript.get("exchanges").get(0).get("latency_ms").asDouble();
    for (String kind : new String[] {"request", "answer"}) {
      String meta =
          browser
              .eval(firstX + ".querySelector('.arrow." + kind + " .meta.ids').textContent")
              .asText();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("request id (\\S+) · ([0-9.]+) ms").matcher(meta);
      assertTrue(m.matches(), meta);
      assertEquals(first, m.group(1));
      assertEquals(latency, Double.parseDouble(m.group(2)), 1e-9, meta);
    }
    // who took part: the client's identifier (from the request) and the server's (its answer)
    String server = transcript.get("exchanges").get(0).get("response").get("identifier").asText();
    String who =
        browser
            .eval(
                String.format(x, transcript.get("exchanges").get(2).get("request_id").asText())
                    + ".querySelector('.participants').textContent")
            .asText();
    String serverShort = server.substring(0, 4) + "…" + server.substring(60);
    assertTrue(
        who.startsWith("participants: client ") && who.endsWith(" · server " + serverShort), who);
    // sign/round2 answers no identifier: the server is still told apart from the clients
    String round2 =
        browser
            .eval(
                String.format(x, transcript.get("exchanges").get(4).get("request_id").asText())
                    + ".querySelector('.participants').textContent")
            .asText();
    assertTrue(
        round2.endsWith(" · server " + serverShort)
            && !round2.substring(0, round2.indexOf(" · ")).contains(serverShort),
        round2);
    // marks are text, readable without colour; no mark on a plain exchange
    assertEquals(0, browser.eval(firstX + ".querySelectorAll('.mark').length").asInt());

    // a click on the cheating answer shows its bodies: the share the client catches
    browser.eval(cheatX + ".querySelector('.arrow.answer').click()");
    browser.await(
        "document.querySelector('#bodies-id').textContent === 'console-cheat-" + keyid + "'", WAIT);
    assertFalse(browser.eval("document.querySelector('#bodies').hidden").asBoolean());
    String share = cheat.json().path("signature_share").path("share").asText();
    assertFalse(share.isEmpty(), cheat.body());
    assertEquals(
        share,
        browser
            .eval(
                "JSON.parse(document.querySelector('#response-body').textContent).signature_share.share")
            .asText());
    assertTrue(
        browser
            .eval("document.querySelector('#request-body').textContent")
            .asText()
            .contains("\"signing_commitments\""));
    assertTrue(
        browser
            .eval(cheatX + ".querySelector('.arrow.answer').classList.contains('selected')")
            .asBoolean());
    browser.eval(
        "(() => { const f = document.querySelector('#filter-fault'); f.value = ''; f.dispatchEvent(new Event('change')); return true; })()");
  }

  /**
   * Adds a rule by choosing an endpoint and a fault from the lists the page built from
   * /admin/faults/catalogue, sees it stored and its fired count rise when it fires, removes it.
   */
  private static void faultRules(HeadlessChromium browser, SignerHttp http, String keyid)
      throws Exception {
    browser.await("document.querySelector('#faults-status').dataset.catalogue === 'loaded'", WAIT);
    String endpoint = "GET /signers/eddsa/keys/:keyid";
    // the lists: every endpoint of the service, and per endpoint only the faults it declares
    JsonNode endpoints =
        browser.eval(
            "[...document.querySelectorAll('#rule-endpoint option')].map(o => o.textContent)");
    assertTrue(
        endpoints.toString().contains("\"POST /signers/eddsa/sign/round2/:keyid\""),
        endpoints.toString());
    assertEquals(
        http.get("/admin/faults/catalogue").expect(200).json().get("endpoints").size(),
        endpoints.size());
    assertFalse(
        faultsOffered(browser, "POST /signers/eddsa/sign/round2/:keyid")
            .contains("fault:invalid-element"),
        "sign/round2 answers a scalar only");
    assertTrue(
        faultsOffered(browser, "POST /signers/eddsa/sign/round2/:keyid")
            .contains("fault:bad-signature-share"));
    assertFalse(
        faultsOffered(browser, endpoint).contains("abort:after-commit"),
        "a key read commits nothing");
    assertTrue(faultsOffered(browser, endpoint).contains("fault:invalid-element"));
    browser.eval(
        "(() => { const f = document.querySelector('#fault-form');"
            + " f.querySelector('#rule-fault').value = 'fault:redis-error'; f.querySelector('#rule-fault').dispatchEvent(new Event('change'));"
            + " f.elements.keyid.value = '"
            + keyid
            + "'; f.elements.times.value = '5';"
            + " document.querySelector('#fault-add').click(); return true; })()");
    String path = "/signers/eddsa/keys/*";
    String id =
        browser
            .await(
                "[...document.querySelectorAll('#faults tbody tr')].find(tr => tr.textContent.includes('"
                    + keyid
                    + "') && tr.textContent.includes('redis-error'))?.dataset.id",
                WAIT)
            .asText();
    JsonNode stored = http.get("/admin/faults/" + id).expect(200).json();
    assertEquals("GET", stored.path("method").asText(), stored.toString());
    assertEquals(path, stored.path("path").asText(), stored.toString());
    assertEquals("redis-error", stored.path("fault").asText(), stored.toString());
    assertEquals(keyid, stored.path("keyid").asText(), stored.toString());
    // the rule fires on the real API: the key read fails as if Redis were down
    HttpAnswer failed = http.get("/signers/eddsa/keys/" + keyid);
    assertEquals(500, failed.status(), failed.body());
    assertEquals("Redis error", failed.json().path("title").asText());
    assertEquals("redis-error", failed.header("X-Fault-Injected"));
    // no click: the page's own refresh (every 3 s) shows the count
    browser.await(
        "[...document.querySelectorAll('#faults tbody tr')].find(tr => tr.dataset.id === '"
            + id
            + "')?.querySelector('.fault-fired')?.textContent === '1'",
        WAIT);
    http.get("/signers/eddsa/keys/" + keyid).expect(500);
    browser.await(
        "[...document.querySelectorAll('#faults tbody tr')].find(tr => tr.dataset.id === '"
            + id
            + "')?.querySelector('.fault-fired')?.textContent === '2'",
        WAIT);
    browser.eval(
        "document.querySelector('#faults button.fault-remove[data-id=\"" + id + "\"]').click()");
    browser.await(
        "![...document.querySelectorAll('#faults tbody tr')].some(tr => tr.dataset.id === '"
            + id
            + "')",
        WAIT);
    assertEquals(404, http.get("/admin/faults/" + id).status(), "the rule was removed");
  }

  /**
   * The fault choices the form offers once {@code endpoint} is chosen (values like
   * fault:redis-error).
   */
  private static String faultsOffered(HeadlessChromium browser, String endpoint) throws Exception {
    return browser
        .eval(
            "(() => { const s = document.querySelector('#rule-endpoint');"
                + " s.value = [...s.options].find(o => o.textContent === '"
                + endpoint
                + "').value;"
                + " s.dispatchEvent(new Event('change'));"
                + " return [...document.querySelectorAll('#rule-fault option')].map(o => o.value).join(' '); })()")
        .asText();
  }

  @SuppressWarnings("unchecked")
  // the suite only fixes E
  private static <E> FrostClient.Keys<E> keysOf(
      SuiteBinding<E> unusedSuite, FrostClient.Keys<?> keys) {
    return (FrostClient.Keys<E>) keys;
  }

  @SuppressWarnings("unchecked")
  private static <E> String verifyingKey(SuiteBinding<E> suite, FrostClient.Keys<?> keys) {
    return suite
        .frost()
        .json()
        .element(((FrostClient.Keys<E>) keys).publicKeyPackage().verifyingKey());
  }
}
