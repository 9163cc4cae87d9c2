package dev.frostsandbox.signer.route;

/**
 * A protocol artefact an endpoint's answer carries, declared with the route ({@link ApiRoute}):
 * what a misbehaving-cosigner fault may corrupt in the service's typed result ({@link
 * Decoration#result}) while the answer keeps its status and shape.
 */
public enum Artefact {
  /** The server's signature share (RFC 9591 sign). */
  SIGNATURE_SHARE,
  /** The server's signing commitment (RFC 9591 commit). */
  SIGNING_COMMITMENT,
  /** The proof of knowledge in the server's DKG round-1 package. */
  DKG_PROOF,
  /** A secret share in the server's DKG round-2 packages. */
  DKG_SHARE,
  /** The group verifying key (and public key package) of a key. */
  VERIFYING_KEY,
  /** Any group element the answer encodes (for encodings a conforming deserializer rejects). */
  ELEMENT
}
