package dev.frostsandbox.signer.fault.cosigner;

import java.util.Optional;

/** The misbehaving-cosigner slugs, as a client names them in {@code X-Fault} or an admin rule. */
public enum CosignerFault {
  /** sign, sign/round2: {@link BadSignatureShare}. */
  BAD_SIGNATURE_SHARE("bad-signature-share"),
  /** sign, sign/round1: {@link BadSigningCommitment}. */
  BAD_SIGNING_COMMITMENT("bad-signing-commitment"),
  /** dkg/round1: {@link BadDkgProof}. */
  BAD_DKG_PROOF("bad-dkg-proof"),
  /** dkg/round1 (the answer that carries the server's round-2 packages): {@link BadDkgShare}. */
  BAD_DKG_SHARE("bad-dkg-share"),
  /** dkg/round2, GET keys: {@link WrongVerifyingKey}. */
  WRONG_VERIFYING_KEY("wrong-verifying-key"),
  /** Every answer carrying an element: {@link InvalidElement}, variant in {@code X-Fault-Variant}. */
  INVALID_ELEMENT("invalid-element");

  private final String slug;

  CosignerFault(String slug) {
    this.slug = slug;
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
