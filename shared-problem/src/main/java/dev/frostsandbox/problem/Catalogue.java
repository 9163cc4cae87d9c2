package dev.frostsandbox.problem;

import static dev.frostsandbox.problem.ProblemType.aboutBlank;
import static dev.frostsandbox.problem.ProblemType.signer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every problem type of {@code shared/design/error-catalogue.md}. Titles and statuses are matched
 * by clients byte for byte: change them only together with the document.
 */
public final class Catalogue {

  private Catalogue() {}

  // --- Signer errors: type = <base>#<slug> -------------------------------------------------

  public static final ProblemType BASE64_DECODE_ERROR =
      signer("base64-decode-error", "Base64 decode error", 400, null);

  /** Carries a {@code url} extension: the route path without keyid. */
  public static final ProblemType FROST_REQUEST_JSON_INVALID =
      signer("frost-request-json-invalid", "Frost request json invalid", 400, null);

  /** Carries a {@code keyid} extension. */
  public static final ProblemType NO_DKG_ROUND_FOUND =
      signer("no-dkg-round-found", "No DKG round found", 404, null);

  /**
   * Carries a {@code keyid} extension; detail {@code Cannot find an ecdsa key with id: <keyid>}.
   */
  public static final ProblemType NO_KEY_FOUND = signer("no-key-found", "No key found", 404, null);

  public static final ProblemType FROST_INTERNAL_ERROR =
      signer("frost-internal-error", "Frost internal error", 500, null);

  /** ecdsa-schnorr only. */
  public static final ProblemType FROST_POSEIDON_INTERNAL_ERROR =
      signer("frost-poseidon-internal-error", "Frost Poseidon internal error", 500, null);

  public static final ProblemType REDIS_ERROR =
      signer("redis-error", "Redis error", 500, "An error occurred while accessing Redis");
  public static final ProblemType SERIALIZE_ERROR =
      signer("serialize-error", "Serialize error", 500, "An error occurred while serializing");

  /** Addition to the hosted catalogue: nonces unknown, expired or used. Carries {@code keyid}. */
  public static final ProblemType NO_SIGNING_ROUND_FOUND =
      signer("no-signing-round-found", "No signing round found", 404, null);

  // --- Relay errors (addition: POST /v1/signers/ecdsa-schnorr/relay), type = <base>#<slug> ----
  // On-chain reverts are 422 and carry keyid, account, reason and revert_data (an OpenZeppelin-
  // style custom error: 4-byte selector and ABI-encoded arguments); the relay's own failures are
  // 502/503/504 and carry keyid and account. The default details are those of direct answers.

  /** Revert {@code InvalidRelaySignature(address)}: the signature does not verify under the key. */
  public static final ProblemType INVALID_RELAY_SIGNATURE =
      signer(
          "invalid-relay-signature",
          "Invalid relay signature",
          422,
          "execution reverted: the signature does not verify under the account's key");

  /** Revert {@code InvalidAccountNonce(address,uint256)}: the payload was relayed before. */
  public static final ProblemType INVALID_ACCOUNT_NONCE =
      signer(
          "invalid-account-nonce",
          "Invalid account nonce",
          422,
          "execution reverted: the payload was already relayed for this account");

  /** Revert {@code AddressInsufficientBalance(address)} (OpenZeppelin 5.0's Address). */
  public static final ProblemType INSUFFICIENT_FUNDS =
      signer(
          "insufficient-funds",
          "Insufficient funds",
          422,
          "execution reverted: the account cannot pay for the transaction");

  /** Revert {@code AddressEmptyCode(address)}. */
  public static final ProblemType ACCOUNT_NOT_DEPLOYED =
      signer(
          "account-not-deployed",
          "Account not deployed",
          422,
          "execution reverted: no account contract is deployed at the address");

  /** Revert {@code Error(string)} with a chosen reason. */
  public static final ProblemType RELAY_REVERTED =
      signer("relay-reverted", "Relay reverted", 422, "execution reverted");

  public static final ProblemType RELAY_RPC_ERROR =
      signer(
          "relay-rpc-error",
          "Relay RPC error",
          502,
          "The relay's RPC node failed to submit the transaction");
  public static final ProblemType RELAY_POOL_EXHAUSTED =
      signer(
          "relay-pool-exhausted",
          "Relay pool exhausted",
          503,
          "No relay operator is available to submit the transaction");
  public static final ProblemType RELAY_TIMEOUT =
      signer(
          "relay-timeout",
          "Relay timeout",
          504,
          "The relayed transaction was not confirmed in time");

  // --- Backend service errors: type = about:blank, fixed detail ------------------------------

  public static final ProblemType FEATURE_NOT_ALLOWED =
      aboutBlank(
          "feature-not-allowed",
          "Feature not allowed",
          403,
          "One or more requested features are not allowed for your organization. Contact your administrator.");
  public static final ProblemType NETWORK_NOT_ALLOWED =
      aboutBlank(
          "network-not-allowed",
          "Network not allowed",
          403,
          "The requested network is not allowed for your organization. Contact your administrator.");
  public static final ProblemType QUOTA_ACTIVE_USERS_LIMIT_EXCEEDED =
      aboutBlank(
          "quota-active-users-limit-exceeded",
          "Quota active users limit exceeded",
          429,
          "You have reached your monthly active users quota. Contact your administrator to increase your limit.");
  public static final ProblemType QUOTA_APPLICATION_LIMIT_EXCEEDED =
      aboutBlank(
          "quota-application-limit-exceeded",
          "Quota application limit exceeded",
          429,
          "You have reached your application limit. Contact your administrator to increase your quota.");
  public static final ProblemType QUOTA_DPP_LIMIT_EXCEEDED =
      aboutBlank(
          "quota-dpp-limit-exceeded",
          "Quota DPP limit exceeded",
          429,
          "You have reached your monthly DPP quota (products and passports). Contact your administrator to increase your limit.");

  // --- Generic HTTP errors: type = about:blank, standard reason phrase (RFC 9110) as title ---

  public static final ProblemType BAD_REQUEST =
      aboutBlank("bad-request", "Bad Request", 400, "The request is malformed or invalid.");
  public static final ProblemType UNAUTHORIZED =
      aboutBlank("unauthorized", "Unauthorized", 401, "Missing or invalid credentials.");
  public static final ProblemType FORBIDDEN =
      aboutBlank("forbidden", "Forbidden", 403, "You are not allowed to perform this operation.");
  public static final ProblemType NOT_FOUND =
      aboutBlank("not-found", "Not Found", 404, "The requested resource was not found.");
  public static final ProblemType METHOD_NOT_ALLOWED =
      aboutBlank(
          "method-not-allowed",
          "Method Not Allowed",
          405,
          "The request method is not supported by this resource.");
  public static final ProblemType CONFLICT =
      aboutBlank(
          "conflict", "Conflict", 409, "The current state of the resource forbids this operation.");
  public static final ProblemType PAYLOAD_TOO_LARGE =
      aboutBlank(
          "payload-too-large",
          "Content Too Large",
          413,
          "The request body exceeds the size limit.");
  public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
      aboutBlank(
          "unsupported-media-type",
          "Unsupported Media Type",
          415,
          "The request content type is not supported.");
  public static final ProblemType UNPROCESSABLE =
      aboutBlank(
          "unprocessable",
          "Unprocessable Content",
          422,
          "The request is well-formed but cannot be processed.");
  public static final ProblemType RATE_LIMITED =
      aboutBlank("rate-limited", "Too Many Requests", 429, "Too many requests; retry later.");
  public static final ProblemType INTERNAL_ERROR =
      aboutBlank("internal-error", "Internal Server Error", 500, "An unexpected error occurred.");
  public static final ProblemType SERVICE_UNAVAILABLE =
      aboutBlank(
          "service-unavailable",
          "Service Unavailable",
          503,
          "The service is temporarily unavailable; retry later.");

  private static final List<ProblemType> ALL =
      List.of(
          BASE64_DECODE_ERROR,
          FROST_REQUEST_JSON_INVALID,
          NO_DKG_ROUND_FOUND,
          NO_KEY_FOUND,
          FROST_INTERNAL_ERROR,
          FROST_POSEIDON_INTERNAL_ERROR,
          REDIS_ERROR,
          SERIALIZE_ERROR,
          NO_SIGNING_ROUND_FOUND,
          INVALID_RELAY_SIGNATURE,
          INVALID_ACCOUNT_NONCE,
          INSUFFICIENT_FUNDS,
          ACCOUNT_NOT_DEPLOYED,
          RELAY_REVERTED,
          RELAY_RPC_ERROR,
          RELAY_POOL_EXHAUSTED,
          RELAY_TIMEOUT,
          FEATURE_NOT_ALLOWED,
          NETWORK_NOT_ALLOWED,
          QUOTA_ACTIVE_USERS_LIMIT_EXCEEDED,
          QUOTA_APPLICATION_LIMIT_EXCEEDED,
          QUOTA_DPP_LIMIT_EXCEEDED,
          BAD_REQUEST,
          UNAUTHORIZED,
          FORBIDDEN,
          NOT_FOUND,
          METHOD_NOT_ALLOWED,
          CONFLICT,
          PAYLOAD_TOO_LARGE,
          UNSUPPORTED_MEDIA_TYPE,
          UNPROCESSABLE,
          RATE_LIMITED,
          INTERNAL_ERROR,
          SERVICE_UNAVAILABLE);

  private static final List<ProblemType> GENERIC =
      List.of(
          BAD_REQUEST,
          UNAUTHORIZED,
          FORBIDDEN,
          NOT_FOUND,
          METHOD_NOT_ALLOWED,
          CONFLICT,
          PAYLOAD_TOO_LARGE,
          UNSUPPORTED_MEDIA_TYPE,
          UNPROCESSABLE,
          RATE_LIMITED,
          INTERNAL_ERROR,
          SERVICE_UNAVAILABLE);

  private static final Map<String, ProblemType> BY_SLUG;
  private static final Map<Integer, ProblemType> GENERIC_BY_STATUS;

  static {
    Map<String, ProblemType> bySlug = new LinkedHashMap<>();
    for (ProblemType t : ALL) {
      if (bySlug.put(t.slug(), t) != null) {
        throw new ExceptionInInitializerError("duplicate slug " + t.slug());
      }
    }
    BY_SLUG = Collections.unmodifiableMap(bySlug);
    Map<Integer, ProblemType> byStatus = new LinkedHashMap<>();
    for (ProblemType t : GENERIC) {
      byStatus.put(t.status(), t);
    }
    GENERIC_BY_STATUS = Collections.unmodifiableMap(byStatus);
  }

  /** Every entry, in document order: signer, relay, backend service, generic HTTP. */
  public static List<ProblemType> all() {
    return ALL;
  }

  public static Optional<ProblemType> bySlug(String slug) {
    return Optional.ofNullable(slug == null ? null : BY_SLUG.get(slug));
  }

  /** The generic HTTP entry for a status code, if the catalogue has one. */
  public static Optional<ProblemType> genericForStatus(int status) {
    return Optional.ofNullable(GENERIC_BY_STATUS.get(status));
  }
}
