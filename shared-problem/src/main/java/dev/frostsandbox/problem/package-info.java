/**
 * RFC 9457 Problem Details for Vert.x services, usable on its own.
 *
 * <pre>{@code
 * Router router = Router.router(vertx);
 * ProblemRenderer.create(typeBase).install(router);   // failure handler + 404/405/415/... handlers
 * router.get("/keys/:keyid").handler(ctx -> {
 *   throw Catalogue.NO_KEY_FOUND.problem("Cannot find an ecdsa key with id: " + id)
 *       .withKeyId(id).toException();                   // -> 404 application/problem+json
 * });
 * }</pre>
 *
 * {@link dev.frostsandbox.problem.Catalogue} lists every documented error; {@link
 * dev.frostsandbox.problem.ProblemRenderer#send} answers directly without throwing; unexpected
 * exceptions become a generic 500 whose body never holds the exception message.
 */
package dev.frostsandbox.problem;
