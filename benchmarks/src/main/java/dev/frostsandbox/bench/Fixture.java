package dev.frostsandbox.bench;

import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.keys.TrustedDealer;
import dev.frostsandbox.frost.signing.BindingFactors;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One n-of-n signer set (the server is participant n, as in the service; the client plays 1..n-1)
 * with everything a benchmark needs prepared ahead, so each benchmark method runs exactly the
 * server's work for one request.
 */
final class Fixture<E> {

  final Frost<E> frost;
  final Group<E> group;
  final int n;
  final SecureRandom random = new SecureRandom();
  final byte[] message = new byte[32];

  final KeyPackage<E> server;
  final PublicKeyPackage<E> pub;

  /** The client signers' commitments, as POST /sign receives them. */
  final SortedMap<Identifier, SigningCommitments<E>> clientCommitments = new TreeMap<>();

  /** The same, serialized (hiding, binding): what arrives on the wire before decoding. */
  final SortedMap<Identifier, byte[][]> clientCommitmentBytes = new TreeMap<>();

  /** A complete signing session: server nonces stored at round 1, the package of round 2. */
  final SigningNonces<E> serverNonces;

  final SigningPackage<E> pkg;
  final SortedMap<Identifier, SignatureShare> shares = new TreeMap<>();
  final Signature<E> signature;
  final BindingFactors rho;

  /** DKG inputs for the server (participant n) from the client participants 1..n-1. */
  final SortedMap<Identifier, Round1Package<E>> clientRound1 = new TreeMap<>();

  final SortedMap<Identifier, Round2Package> clientRound2ToServer = new TreeMap<>();

  /** Primitive inputs. */
  final BigInteger scalarA;

  final BigInteger scalarB;
  final E pointP;
  final E pointQ;
  final byte[] encodedPoint;
  final byte[] h1Input;
  final byte[] h2Input;
  final byte[] h3Input;
  final byte[] h5Input;

  Fixture(Frost<E> frost, int n) {
    this.frost = frost;
    this.group = frost.group();
    this.n = n;
    random.nextBytes(message);
    TrustedDealer.DealerOutput<E> deal = frost.dealer().generate(n, n, random);
    this.pub = deal.publicKeyPackage();
    Identifier serverId = Identifier.of(n);
    this.server = frost.dealer().keyPackage(deal.shares().get(serverId));
    SortedMap<Identifier, SigningNonces<E>> clientNonces = new TreeMap<>();
    for (int i = 1; i < n; i++) {
      Identifier id = Identifier.of(i);
      SigningNonces<E> nn = frost.signing().commit(deal.shares().get(id).signingShare(), random);
      clientNonces.put(id, nn);
      clientCommitments.put(id, nn.commitments());
      clientCommitmentBytes.put(
          id,
          new byte[][] {
            group.serializeElement(nn.commitments().hiding()),
            group.serializeElement(nn.commitments().binding())
          });
    }
    this.serverNonces = frost.signing().commit(server.signingShare(), random);
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>(clientCommitments);
    all.put(serverId, serverNonces.commitments());
    this.pkg = new SigningPackage<>(all, message);
    for (int i = 1; i < n; i++) {
      Identifier id = Identifier.of(i);
      KeyPackage<E> kp = frost.dealer().keyPackage(deal.shares().get(id));
      shares.put(id, frost.signing().sign(pkg, clientNonces.get(id), kp));
    }
    shares.put(serverId, frost.signing().sign(pkg, serverNonces, server));
    this.signature = frost.signing().aggregate(pkg, shares, pub);
    this.rho = frost.signing().bindingFactors(server.verifyingKey(), pkg);

    // DKG: the clients' round-1 packages and their round-2 shares for the server
    Dkg<E> dkg = frost.dkg();
    SortedMap<Identifier, Dkg.Part1<E>> part1 = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      part1.put(Identifier.of(i), dkg.part1(Identifier.of(i), n, n, random));
    }
    part1.forEach(
        (id, p) -> {
          if (!id.equals(serverId)) {
            clientRound1.put(id, p.package_());
          }
        });
    part1.forEach(
        (id, p) -> {
          if (!id.equals(serverId)) {
            SortedMap<Identifier, Round1Package<E>> others = new TreeMap<>();
            part1.forEach(
                (o, q) -> {
                  if (!o.equals(id)) {
                    others.put(o, q.package_());
                  }
                });
            clientRound2ToServer.put(
                id, dkg.part2(p.secretPackage(), others).packages().get(serverId));
          }
        });

    this.scalarA = group.randomNonZeroScalar(random);
    this.scalarB = group.randomNonZeroScalar(random);
    this.pointP = roundTrip(group.multiplyBase(group.randomNonZeroScalar(random)));
    this.pointQ = roundTrip(group.multiplyBase(group.randomNonZeroScalar(random)));
    this.encodedPoint = group.serializeElement(pointP);
    byte[] vk = group.serializeElement(server.verifyingKey());
    this.h1Input = Bytes.concat(vk, new byte[64], group.serializeScalar(serverId.value()));
    this.h2Input = Bytes.concat(encodedPoint, vk, message);
    this.h3Input = new byte[64];
    random.nextBytes(h3Input);
    this.h5Input = frost.signing().encodeGroupCommitmentList(pkg.signingCommitments());
  }

  /** A point as the service holds it: decoded from its encoding. */
  private E roundTrip(E e) {
    try {
      return group.deserializeElement(group.serializeElement(e));
    } catch (InvalidEncodingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  // ---- what the server does per request ----

  /** POST /sign after parsing: commit, the signing package with the client commitments, sign. */
  Object[] signOneRound() {
    SigningNonces<E> nonces = frost.signing().commit(server.signingShare(), random);
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>(clientCommitments);
    all.put(server.identifier(), nonces.commitments());
    SigningPackage<E> p = new SigningPackage<>(all, message);
    return new Object[] {nonces.commitments(), frost.signing().sign(p, nonces, server)};
  }

  /**
   * All the crypto of a POST /sign: decode (and check) the client's commitments, commit, sign, and
   * serialize the server's commitments and share for the answer.
   */
  Object[] signOneRoundFromWire() {
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>();
    try {
      for (java.util.Map.Entry<Identifier, byte[][]> c : clientCommitmentBytes.entrySet()) {
        all.put(
            c.getKey(),
            new SigningCommitments<>(
                group.deserializeElement(c.getValue()[0]),
                group.deserializeElement(c.getValue()[1])));
      }
    } catch (InvalidEncodingException e) {
      throw new IllegalStateException(e);
    }
    SigningNonces<E> nonces = frost.signing().commit(server.signingShare(), random);
    all.put(server.identifier(), nonces.commitments());
    SignatureShare share = frost.signing().sign(new SigningPackage<>(all, message), nonces, server);
    return new Object[] {
      group.serializeElement(nonces.commitments().hiding()),
      group.serializeElement(nonces.commitments().binding()),
      group.serializeScalar(share.share())
    };
  }

  /** POST /sign/round1 (engine part): fresh nonces and their commitments. */
  SigningNonces<E> round1() {
    return frost.signing().commit(server.signingShare(), random);
  }

  /** POST /sign/round2 (engine part): sign the package with the stored nonces. */
  SignatureShare round2() {
    return frost.signing().sign(pkg, serverNonces, server);
  }

  Signature<E> aggregate() {
    return frost.signing().aggregate(pkg, shares, pub);
  }

  boolean verify() {
    return frost.signing().verify(message, signature, pub.verifyingKey());
  }

  /** The server's side of a DKG: part1, part2 over the clients' round-1 packages, part3. */
  Dkg.Part3<E> dkg() {
    Dkg<E> dkg = frost.dkg();
    Dkg.Part1<E> p1 = dkg.part1(server.identifier(), n, n, random);
    Dkg.Part2<E> p2 = dkg.part2(p1.secretPackage(), clientRound1);
    return dkg.part3(p2.secretPackage(), clientRound1, clientRound2ToServer);
  }

  /**
   * The scalar multiplications a one-round sign cannot avoid: the two nonce commitments
   * (fixed-base) and the group commitment's multi-scalar multiplication over every binding
   * commitment. Scalars are fresh per call so nothing is cached.
   */
  Object[] unavoidableMultiplications() {
    BigInteger d = group.randomNonZeroScalar(random);
    BigInteger e = group.randomNonZeroScalar(random);
    E dG = group.multiplyBase(d);
    E eG = group.multiplyBase(e);
    List<E> points = new ArrayList<>(n);
    List<BigInteger> scalars = new ArrayList<>(n);
    for (java.util.Map.Entry<Identifier, SigningCommitments<E>> c :
        pkg.signingCommitments().entrySet()) {
      points.add(c.getValue().binding());
      scalars.add(rho.of(c.getKey()).add(d));
    }
    return new Object[] {dG, eG, group.multiplyAll(points, scalars)};
  }
}
