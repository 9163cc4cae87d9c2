package dev.frostsandbox.signer.http;

/**
 * One request as the feature handlers see it: who (tenant), which key, and the route's URL for
 * {@code frost-request-json-invalid}.
 */
public record Call(String tenant, String keyid, String url) {}
