package dev.frostsandbox.signer.http;

import dev.frostsandbox.signer.fault.FaultPoints;

/**
 * One request as the feature handlers see it: who (tenant), which key, the route's URL for
 * {@code frost-request-json-invalid}, and the request's fault points.
 */
public record Call(String tenant, String keyid, String url, FaultPoints faults) {}
