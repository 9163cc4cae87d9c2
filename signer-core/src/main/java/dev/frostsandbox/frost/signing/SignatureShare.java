package dev.frostsandbox.frost.signing;

import java.math.BigInteger;

/** A participant's share z_i of the signature. */
public record SignatureShare(BigInteger share) {}
