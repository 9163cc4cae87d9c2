package dev.frostsandbox.signer.state;

import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2SecretPackage;
import dev.frostsandbox.frost.keys.Delta;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.signer.SuiteBinding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compact binary form of stored state (a 2-of-2 key is about 300 bytes, so Redis holds it in well
 * under 1 KiB). Every value starts with a version, its kind and its ciphersuite; reading checks all
 * three, every element and scalar, and that nothing trails.
 *
 * <p>Versions: keys and DKG rounds are version 1. Nonce records are written as version 2 (version 1
 * plus their expiry, epoch milliseconds, at the end); version 1 nonce records, written before
 * expiries were stored, still decode, with expiry 0 (already expired).
 *
 * <p>Key lifecycle (refresh, repair): a key whose share was replaced or dropped is written as key
 * version 2 (a flags byte saying whether the signing share is present, the key without the absent
 * share, then its generation); a key of generation 0 with its share is still written as version 1,
 * so keys that never went through the lifecycle keep their bytes. Likewise nonce records of a key
 * of generation 0 stay version 2, others are version 3 (version 2 plus the key generation). Refresh
 * rounds ('R') and repair rounds ('P') are version 1.
 */
public final class StateCodec {

  static final byte VERSION = 1;
  static final byte NONCES_VERSION = 2;
  static final byte KEY = 'K';
  static final byte DKG = 'D';
  static final byte NONCES = 'N';
  static final byte KEY_VERSION_2 = 2;
  static final byte NONCES_VERSION_3 = 3;
  static final byte REFRESH = 'R';
  static final byte REPAIR = 'P';
  private static final int SHARE_PRESENT = 1;

  private final Map<String, SuiteBinding<?>> suites;

  public StateCodec(Map<String, SuiteBinding<?>> suites) {
    this.suites = Map.copyOf(suites);
  }

  // ---- writing ----

  private static final class Out<E> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(320);
    final DataOutputStream out = new DataOutputStream(bytes);
    final Group<E> group;

    Out(SuiteBinding<E> suite, byte kind) {
      this(suite, VERSION, kind);
    }

    Out(SuiteBinding<E> suite, byte version, byte kind) {
      this.group = suite.frost().group();
      try {
        out.writeByte(version);
        out.writeByte(kind);
        out.writeUTF(suite.ciphersuite());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Out<E> scalar(BigInteger s) {
      return raw(group.serializeScalar(s));
    }

    Out<E> element(E e) {
      return raw(group.serializeElement(e));
    }

    Out<E> raw(byte[] b) {
      bytes.write(b, 0, b.length);
      return this;
    }

    Out<E> u16(int n) {
      try {
        out.writeShort(n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Out<E> u8(int n) {
      bytes.write(n);
      return this;
    }

    Out<E> i64(long n) {
      try {
        out.writeLong(n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Out<E> elements(List<E> list) {
      u16(list.size());
      list.forEach(this::element);
      return this;
    }

    byte[] done() {
      return bytes.toByteArray();
    }
  }

  public <E> byte[] encodeKey(KeyRecord<E> r) {
    boolean v1 = r.generation() == 0 && r.hasShare();
    Out<E> o = new Out<>(r.suite(), v1 ? VERSION : KEY_VERSION_2, KEY);
    KeyPackage<E> k = r.keyPackage();
    if (!v1) {
      o.u8(r.hasShare() ? SHARE_PRESENT : 0);
    }
    o.scalar(k.identifier().value());
    if (r.hasShare()) {
      o.scalar(k.signingShare());
    }
    o.element(k.verifyingShare()).element(k.verifyingKey()).u16(k.minSigners());
    PublicKeyPackage<E> p = r.publicKeyPackage();
    o.u16(p.verifyingShares().size());
    p.verifyingShares().forEach((id, e) -> o.scalar(id.value()).element(e));
    o.element(p.verifyingKey())
        .u16(p.minSigners() == null ? 0 : p.minSigners())
        .i64(r.createdAtMillis());
    if (!v1) {
      o.i64(r.generation());
    }
    return o.done();
  }

  public <E> byte[] encodeRefresh(RefreshRound<E> r) {
    Out<E> o = new Out<>(r.suite(), REFRESH);
    Round2SecretPackage<E> s = r.secretPackage();
    o.scalar(s.identifier().value())
        .u16(s.minSigners())
        .u16(s.maxSigners())
        .scalar(s.secretShare())
        .elements(s.commitment());
    o.u16(r.peers().size());
    r.peers()
        .forEach(
            (id, p) ->
                o.scalar(id.value())
                    .elements(p.commitment())
                    .element(p.proofOfKnowledge().r())
                    .scalar(p.proofOfKnowledge().z()));
    return o.i64(r.keyGeneration()).done();
  }

  public <E> byte[] encodeRepair(RepairRound<E> r) {
    Out<E> o = new Out<>(r.suite(), REPAIR);
    o.scalar(r.participant().value()).u16(r.helpers().size());
    r.helpers().forEach(id -> o.scalar(id.value()));
    return o.scalar(r.ownDelta().value()).i64(r.keyGeneration()).done();
  }

  public <E> byte[] encodeDkg(DkgRound<E> r) {
    Out<E> o = new Out<>(r.suite(), DKG);
    Round2SecretPackage<E> s = r.secretPackage();
    o.scalar(s.identifier().value())
        .u16(s.minSigners())
        .u16(s.maxSigners())
        .scalar(s.secretShare())
        .elements(s.commitment());
    o.u16(r.peers().size());
    r.peers()
        .forEach(
            (id, p) ->
                o.scalar(id.value())
                    .elements(p.commitment())
                    .element(p.proofOfKnowledge().r())
                    .scalar(p.proofOfKnowledge().z()));
    return o.done();
  }

  public <E> byte[] encodeNonces(NonceRecord<E> r) {
    boolean v2 = r.keyGeneration() == 0;
    Out<E> o = new Out<>(r.suite(), v2 ? NONCES_VERSION : NONCES_VERSION_3, NONCES);
    SigningNonces<E> n = r.nonces();
    o.scalar(n.hidingNonce())
        .scalar(n.bindingNonce())
        .element(n.commitments().hiding())
        .element(n.commitments().binding())
        .i64(r.expiresAtMillis());
    if (!v2) {
      o.i64(r.keyGeneration());
    }
    return o.done();
  }

  // ---- reading ----

  private static final class In<E> {
    final DataInputStream in;
    final Group<E> group;
    final byte version;

    In(DataInputStream in, Group<E> group, byte version) {
      this.in = in;
      this.group = group;
      this.version = version;
    }

    byte[] raw(int n) throws IOException {
      byte[] b = new byte[n];
      in.readFully(b);
      return b;
    }

    BigInteger scalar() throws IOException, InvalidEncodingException {
      return group.deserializeScalar(raw(group.scalarLength()));
    }

    Identifier identifier() throws IOException, InvalidEncodingException {
      return new Identifier(scalar());
    }

    E element() throws IOException, InvalidEncodingException {
      return group.deserializeElement(raw(group.elementLength()));
    }

    int u16() throws IOException {
      return in.readUnsignedShort();
    }

    List<E> elements() throws IOException, InvalidEncodingException {
      int n = u16();
      List<E> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(element());
      }
      return out;
    }
  }

  @FunctionalInterface
  private interface Body<E, T> {
    T read(SuiteBinding<E> suite, In<E> in) throws IOException, InvalidEncodingException;
  }

  private <T> T decode(byte[] bytes, byte kind, Body<?, T> body) throws StateCorruptException {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      byte version = in.readByte();
      if (in.readByte() != kind || !known(kind, version)) {
        throw new StateCorruptException("stored value has an unknown version or kind");
      }
      SuiteBinding<?> suite = suites.get(in.readUTF());
      if (suite == null) {
        throw new StateCorruptException("stored value names an unknown ciphersuite");
      }
      T value = readWith(suite, in, version, body);
      if (in.available() != 0) {
        throw new StateCorruptException("stored value has trailing bytes");
      }
      return value;
    } catch (IOException
        | InvalidEncodingException
        | IllegalArgumentException
        | ClassCastException e) {
      throw new StateCorruptException("stored value cannot be decoded");
    }
  }

  private static boolean known(byte kind, byte version) {
    return version == VERSION
        || (kind == NONCES && (version == NONCES_VERSION || version == NONCES_VERSION_3))
        || (kind == KEY && version == KEY_VERSION_2);
  }

  @SuppressWarnings("unchecked")
  private static <E, T> T readWith(
      SuiteBinding<E> suite, DataInputStream in, byte version, Body<?, T> body)
      throws IOException, InvalidEncodingException {
    return ((Body<E, T>) body).read(suite, new In<>(in, suite.frost().group(), version));
  }

  public KeyRecord<?> decodeKey(byte[] bytes) throws StateCorruptException {
    return decode(bytes, KEY, (Body<Object, KeyRecord<?>>) StateCodec::readKey);
  }

  private static <E> KeyRecord<E> readKey(SuiteBinding<E> suite, In<E> in)
      throws IOException, InvalidEncodingException {
    boolean v2 = in.version == KEY_VERSION_2;
    int flags = v2 ? in.in.readUnsignedByte() : SHARE_PRESENT;
    if ((flags & ~SHARE_PRESENT) != 0) {
      throw new IOException("unknown key flags");
    }
    Identifier self = in.identifier();
    BigInteger share = (flags & SHARE_PRESENT) != 0 ? in.scalar() : null;
    KeyPackage<E> k = new KeyPackage<>(self, share, in.element(), in.element(), in.u16());
    int n = in.u16();
    SortedMap<Identifier, E> shares = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      shares.put(in.identifier(), in.element());
    }
    E vk = in.element();
    int min = in.u16();
    long created = in.in.readLong();
    long generation = v2 ? in.in.readLong() : 0;
    return new KeyRecord<>(
        suite, k, new PublicKeyPackage<>(shares, vk, min == 0 ? null : min), created, generation);
  }

  public DkgRound<?> decodeDkg(byte[] bytes) throws StateCorruptException {
    return decode(bytes, DKG, (Body<Object, DkgRound<?>>) StateCodec::readDkg);
  }

  private static <E> DkgRound<E> readDkg(SuiteBinding<E> suite, In<E> in)
      throws IOException, InvalidEncodingException {
    Identifier self = in.identifier();
    int min = in.u16();
    int max = in.u16();
    BigInteger share = in.scalar();
    Round2SecretPackage<E> s = new Round2SecretPackage<>(self, in.elements(), share, min, max);
    int n = in.u16();
    SortedMap<Identifier, Round1Package<E>> peers = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      Identifier id = in.identifier();
      List<E> c = in.elements();
      peers.put(id, new Round1Package<>(c, new Signature<>(in.element(), in.scalar())));
    }
    return new DkgRound<>(suite, s, peers);
  }

  public NonceRecord<?> decodeNonces(byte[] bytes) throws StateCorruptException {
    return decode(bytes, NONCES, (Body<Object, NonceRecord<?>>) StateCodec::readNonces);
  }

  private static <E> NonceRecord<E> readNonces(SuiteBinding<E> suite, In<E> in)
      throws IOException, InvalidEncodingException {
    BigInteger d = in.scalar();
    BigInteger e = in.scalar();
    SigningCommitments<E> c = new SigningCommitments<>(in.element(), in.element());
    long expiresAt = in.version >= NONCES_VERSION ? in.in.readLong() : 0;
    long generation = in.version >= NONCES_VERSION_3 ? in.in.readLong() : 0;
    return new NonceRecord<>(suite, new SigningNonces<>(d, e, c), expiresAt, generation);
  }

  public RefreshRound<?> decodeRefresh(byte[] bytes) throws StateCorruptException {
    return decode(bytes, REFRESH, (Body<Object, RefreshRound<?>>) StateCodec::readRefresh);
  }

  private static <E> RefreshRound<E> readRefresh(SuiteBinding<E> suite, In<E> in)
      throws IOException, InvalidEncodingException {
    DkgRound<E> round = readDkg(suite, in);
    return new RefreshRound<>(suite, round.secretPackage(), round.peers(), in.in.readLong());
  }

  public RepairRound<?> decodeRepair(byte[] bytes) throws StateCorruptException {
    return decode(bytes, REPAIR, (Body<Object, RepairRound<?>>) StateCodec::readRepair);
  }

  private static <E> RepairRound<E> readRepair(SuiteBinding<E> suite, In<E> in)
      throws IOException, InvalidEncodingException {
    Identifier participant = in.identifier();
    int n = in.u16();
    java.util.SortedSet<Identifier> helpers = new java.util.TreeSet<>();
    for (int i = 0; i < n; i++) {
      helpers.add(in.identifier());
    }
    Delta own = new Delta(in.scalar());
    return new RepairRound<>(suite, participant, helpers, own, in.in.readLong());
  }
}
