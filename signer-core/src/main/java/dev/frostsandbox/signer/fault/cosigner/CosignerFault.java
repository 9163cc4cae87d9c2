package dev.frostsandbox.signer.fault.cosigner;

import dev.frostsandbox.signer.route.Artefact;
import java.util.Optional;

/**
 * The misbehaving-cosigner slugs, as a client names them in {@code X-Fault} or an admin rule, each
 * with the artefact it corrupts: a slug is offered on the routes that declare that artefact.
 */
public enum CosignerFault {
  /** sign, sign/round2: {@link BadSignatureShare}. */
  BAD_SIGNATURE_SHARE("bad-signature-share", Artefact.SIGNATURE_SHARE),
  /** sign, sign/round1: {@link BadSigningCommitment}. */
  BAD_SIGNING_COMMITMENT("bad-signing-commitment", Artefact.SIGNING_COMMITMENT),
  /** dkg/round1: {@link BadDkgProof}. */
  BAD_DKG_PROOF("bad-dkg-proof", Artefact.DKG_PROOF),
  /** dkg/round1 (the answer that carries the server's round-2 packages): {@link BadDkgShare}. */
  BAD_DKG_SHARE("bad-dkg-share", Artefact.DKG_SHARE),
  /** dkg/round2, GET keys: {@link WrongVerifyingKey}. */
  WRONG_VERIFYING_KEY("wrong-verifying-key", Artefact.VERIFYING_KEY),
  /**
   * Every answer carrying an element: {@link InvalidElement}, variant in {@code X-Fault-Variant}.
   */
  INVALID_ELEMENT("invalid-element", Artefact.ELEMENT);

  private final String slug;
  private final Artefact artefact;

  CosignerFault(String slug, Artefact artefact) {
    this.slug = slug;
    this.artefact = artefact;
  }

  public Artefact artefact() {
    return artefact;
  }

  public String slug() {
    return slug;
  }

  public static Optional<CosignerFault> ofSlug(String slug) {
    for (CosignerFault f : values()) {
      if (f.slug.equals(slug)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
