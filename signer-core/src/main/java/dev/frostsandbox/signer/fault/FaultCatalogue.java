package dev.frostsandbox.signer.fault;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.InvalidElementKind;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.fault.cosigner.CosignerFault;
import dev.frostsandbox.signer.fault.cosigner.InvalidElement;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.relay.RelaySubmission;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.ApiRoutes;
import dev.frostsandbox.signer.route.FaultPoint;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /admin/faults/catalogue}: every registered endpoint with the faults it can produce,
 * derived from the same declarations the injector checks ({@link ApiRoute#faultPoints()}, {@link
 * ApiRoute#artefacts()}, {@link CosignerFault#artefact()}, {@link Abort}): a new endpoint or fault
 * appears here, and in the console's lists, with no other change.
 */
final class FaultCatalogue {

  private final ServiceDefinition service;
  private final ApiRoutes api;
  private final long maxDelayMs;

  FaultCatalogue(ServiceDefinition service, ApiRoutes api, long maxDelayMs) {
    this.service = service;
    this.api = api;
    this.maxDelayMs = maxDelayMs;
  }

  /** Read per request: the routes are registered after the admin API is. */
  ObjectNode describe() {
    ObjectNode out = Json.object();
    out.put("service", service.name());
    out.put("max_delay_ms", maxDelayMs);
    ArrayNode endpoints = out.putArray("endpoints");
    for (ApiRoutes.Mounted m : api.all()) {
      endpoints.add(endpoint(m));
    }
    return out;
  }

  private ObjectNode endpoint(ApiRoutes.Mounted m) {
    ApiRoute<?> route = m.route();
    ObjectNode e = Json.object();
    e.put("method", route.method().name());
    e.put("path", m.mount() + route.template());
    // the glob an admin rule matches this endpoint with (a keyid is one path segment)
    e.put("rule_path", m.url() + (route.keyed() ? "/*" : ""));
    e.put("keyed", route.keyed());
    ArrayNode faults = e.putArray("faults");
    for (ProblemType t : Catalogue.all()) {
      if (RelaySubmission.FAILURES.contains(t) && !route.offers(FaultPoint.RELAY_SUBMISSION)) {
        continue; // refused off the relay (FaultInjector.refusal)
      }
      ObjectNode f = faults.addObject();
      f.put("fault", t.slug());
      f.put("kind", "problem");
      f.put("status", t.status());
      f.put("title", t.title());
      FaultPoint point = FaultDecoration.pointOf(service, t);
      // "answer": the catalogue entry is answered before the handler runs
      f.put("at", point != null && route.offers(point) ? wire(point) : "answer");
    }
    for (CosignerFault c : CosignerFault.values()) {
      if (!route.artefacts().contains(c.artefact())) {
        continue;
      }
      ObjectNode f = faults.addObject();
      f.put("fault", c.slug());
      f.put("kind", "cosigner");
      f.put("artefact", wire(c.artefact()));
      if (c == CosignerFault.INVALID_ELEMENT) {
        ArrayNode variants = f.putArray("variants");
        variants(service).forEach(k -> variants.add(k.slug()));
      }
    }
    ArrayNode aborts = e.putArray("aborts");
    for (Abort a : Abort.values()) {
      if (a != Abort.AFTER_COMMIT || route.offers(FaultPoint.AFTER_COMMIT)) {
        aborts.add(a.wire());
      }
    }
    return e;
  }

  /** The invalid-element variants some suite of the service has (the injector's check). */
  static Set<InvalidElementKind> variants(ServiceDefinition service) {
    Set<InvalidElementKind> all = EnumSet.noneOf(InvalidElementKind.class);
    service.suites().forEach(s -> all.addAll(InvalidElement.kinds(s.frost().group())));
    return all;
  }

  private static String wire(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
