package dev.frostsandbox.signer.fault.cosigner;

import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.keys.PublicKeyPackage;

/**
 * {@code wrong-verifying-key}: the public key package with the group verifying key PK + G, a valid
 * point that is not the key the DKG produced (the verifying shares are left as they are). Both
 * answers that carry it render {@code verifying_key} and {@code public_key_package} from the result
 * of this function. A client detects it by comparing with the group key its own part3 derived.
 */
public final class WrongVerifyingKey {
  private WrongVerifyingKey() {}

  public static <E> PublicKeyPackage<E> corrupt(
      Group<E> group, PublicKeyPackage<E> publicKeyPackage) {
    return new PublicKeyPackage<>(
        publicKeyPackage.verifyingShares(),
        group.add(publicKeyPackage.verifyingKey(), group.generator()),
        publicKeyPackage.minSigners());
  }
}
