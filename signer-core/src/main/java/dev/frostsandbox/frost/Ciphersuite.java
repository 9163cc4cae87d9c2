package dev.frostsandbox.frost;

import java.math.BigInteger;

/**
 * An RFC 9591 ciphersuite: a group plus the hash functions H1..H5 and the frost-core
 * additions HDKG and HID. The engine ({@link Frost}) is written once against this interface;
 * per-curve modules implement only this (compare frost-core's {@code Ciphersuite} trait).
 */
public interface Ciphersuite<E> {

  /** The context string, also the {@code header.ciphersuite} of every serialized package. */
  String contextString();

  Group<E> group();

  /** H1: binding factors. */
  BigInteger h1(byte[] m);

  /** H2: the signature challenge. */
  BigInteger h2(byte[] m);

  /** H3: nonce generation. */
  BigInteger h3(byte[] m);

  /** H4: message hash inside the binding factor input. */
  byte[] h4(byte[] m);

  /** H5: commitment-list hash inside the binding factor input. */
  byte[] h5(byte[] m);

  /** HDKG: the DKG proof-of-knowledge challenge (frost-core). */
  BigInteger hdkg(byte[] m);

  /** HID: identifier derivation from arbitrary bytes (frost-core {@code Identifier::derive}). */
  BigInteger hid(byte[] m);
}
