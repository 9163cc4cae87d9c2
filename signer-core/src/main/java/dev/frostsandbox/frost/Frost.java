package dev.frostsandbox.frost;

import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.keys.Refresh;
import dev.frostsandbox.frost.keys.Repair;
import dev.frostsandbox.frost.keys.TrustedDealer;
import dev.frostsandbox.frost.signing.Signing;

/**
 * The engine for one ciphersuite: signing, DKG, dealer, refresh, repair and frost-core JSON, built
 * once.
 */
public final class Frost<E> {
  private final Ciphersuite<E> suite;
  private final Signing<E> signing;
  private final Dkg<E> dkg;
  private final TrustedDealer<E> dealer;
  private final Refresh<E> refresh;
  private final Repair<E> repair;
  private final FrostJson<E> json;

  public Frost(Ciphersuite<E> suite) {
    this.suite = suite;
    this.signing = new Signing<>(suite);
    this.dkg = new Dkg<>(suite);
    this.dealer = new TrustedDealer<>(suite);
    this.refresh = new Refresh<>(suite);
    this.repair = new Repair<>(suite);
    this.json = new FrostJson<>(suite);
  }

  public Ciphersuite<E> suite() {
    return suite;
  }

  public Group<E> group() {
    return suite.group();
  }

  public String contextString() {
    return suite.contextString();
  }

  public Signing<E> signing() {
    return signing;
  }

  public Dkg<E> dkg() {
    return dkg;
  }

  public TrustedDealer<E> dealer() {
    return dealer;
  }

  /** Share refresh by DKG or dealer (frost-core {@code keys::refresh}). */
  public Refresh<E> refresh() {
    return refresh;
  }

  /** Share repair, RTS (frost-core {@code keys::repairable}). */
  public Repair<E> repair() {
    return repair;
  }

  public FrostJson<E> json() {
    return json;
  }
}
