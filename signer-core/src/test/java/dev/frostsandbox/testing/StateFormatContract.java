package dev.frostsandbox.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2SecretPackage;
import dev.frostsandbox.frost.keys.Delta;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.state.DkgRound;
import dev.frostsandbox.signer.state.KeyRecord;
import dev.frostsandbox.signer.state.NonceRecord;
import dev.frostsandbox.signer.state.RefreshRound;
import dev.frostsandbox.signer.state.RepairRound;
import dev.frostsandbox.signer.state.SecretBox;
import dev.frostsandbox.signer.state.StateCodec;
import dev.frostsandbox.signer.state.StateRepository;
import dev.frostsandbox.signer.state.TenantQuotas;
import dev.frostsandbox.store.MemoryStore;
import dev.frostsandbox.store.StoreKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of every persisted {@link StateCodec} encoding, per ciphersuite of a service: fixed
 * inputs encode to the committed hex, and the committed hex decodes to the same values. Stored keys
 * outlive releases, so a change here that is not a new, additionally readable format orphans them;
 * these tests make such a change fail loudly. The hex lives in {@code
 * /golden/state-<ciphersuite>.properties} of the module's test resources.
 */
public abstract class StateFormatContract {

  private final ServiceDefinition definition;

  protected StateFormatContract(ServiceDefinition definition) {
    this.definition = definition;
  }

  /** A scalar derived from a label: fixed, and unrelated to any real key. */
  static <E> BigInteger scalar(Group<E> g, String label) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
      return new BigInteger(1, h).mod(g.order());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static <E> KeyRecord<E> fixedKey(SuiteBinding<E> suite) {
    Group<E> g = suite.frost().group();
    BigInteger s1 = scalar(g, "share-1");
    BigInteger s2 = scalar(g, "share-2");
    E vk = g.multiplyBase(scalar(g, "group-secret"));
    KeyPackage<E> kp = new KeyPackage<>(Identifier.of(1), s1, g.multiplyBase(s1), vk, 2);
    SortedMap<Identifier, E> shares = new TreeMap<>();
    shares.put(Identifier.of(1), g.multiplyBase(s1));
    shares.put(Identifier.of(2), g.multiplyBase(s2));
    return new KeyRecord<>(suite, kp, new PublicKeyPackage<>(shares, vk, 2), 1_764_000_000_000L);
  }

  static <E> DkgRound<E> fixedDkg(SuiteBinding<E> suite) {
    Group<E> g = suite.frost().group();
    Round2SecretPackage<E> secret =
        new Round2SecretPackage<>(
            Identifier.of(1),
            List.of(g.multiplyBase(scalar(g, "a0")), g.multiplyBase(scalar(g, "a1"))),
            scalar(g, "f1(1)"),
            2,
            2);
    SortedMap<Identifier, Round1Package<E>> peers = new TreeMap<>();
    peers.put(
        Identifier.of(2),
        new Round1Package<>(
            List.of(g.multiplyBase(scalar(g, "b0")), g.multiplyBase(scalar(g, "b1"))),
            new Signature<>(g.multiplyBase(scalar(g, "pok-k")), scalar(g, "pok-z"))));
    return new DkgRound<>(suite, secret, peers);
  }

  static <E> SigningNonces<E> fixedNonces(SuiteBinding<E> suite) {
    Group<E> g = suite.frost().group();
    BigInteger d = scalar(g, "hiding");
    BigInteger e = scalar(g, "binding");
    return new SigningNonces<>(
        d, e, new SigningCommitments<>(g.multiplyBase(d), g.multiplyBase(e)));
  }

  private Properties golden(SuiteBinding<?> suite) {
    String name = "/golden/state-" + suite.ciphersuite() + ".properties";
    try (InputStream in = getClass().getResourceAsStream(name)) {
      assertNotNull(in, "missing test resource " + name);
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hex(Properties p, String name) {
    String h = p.getProperty(name);
    assertNotNull(h, "golden hex '" + name + "' missing");
    return HexFormat.of().parseHex(h.strip());
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private StateCodec codec() {
    return new StateCodec(definition.suitesByName());
  }

  @Test
  void keyRecordsEncodeToTheCommittedBytesAndDecodeBack() throws Exception {
    for (SuiteBinding<?> suite : definition.suites()) {
      checkKey(suite);
    }
  }

  private <E> void checkKey(SuiteBinding<E> suite) throws Exception {
    Properties p = golden(suite);
    KeyRecord<E> key = fixedKey(suite);
    assertEquals(p.getProperty("key"), hex(codec().encodeKey(key)), suite.ciphersuite() + " key");
    @SuppressWarnings("unchecked")
    KeyRecord<E> back = (KeyRecord<E>) codec().decodeKey(hex(p, "key"));
    Group<E> g = suite.frost().group();
    assertEquals(suite.ciphersuite(), back.suite().ciphersuite());
    assertEquals(key.keyPackage().identifier(), back.keyPackage().identifier());
    assertEquals(key.keyPackage().signingShare(), back.keyPackage().signingShare());
    assertEquals(
        hex(g.serializeElement(key.keyPackage().verifyingShare())),
        hex(g.serializeElement(back.keyPackage().verifyingShare())));
    assertEquals(
        hex(g.serializeElement(key.keyPackage().verifyingKey())),
        hex(g.serializeElement(back.keyPackage().verifyingKey())));
    assertEquals(key.keyPackage().minSigners(), back.keyPackage().minSigners());
    assertEquals(
        key.publicKeyPackage().verifyingShares().keySet(),
        back.publicKeyPackage().verifyingShares().keySet());
    for (Identifier id : key.publicKeyPackage().verifyingShares().keySet()) {
      assertEquals(
          hex(g.serializeElement(key.publicKeyPackage().verifyingShares().get(id))),
          hex(g.serializeElement(back.publicKeyPackage().verifyingShares().get(id))));
    }
    assertEquals(key.publicKeyPackage().minSigners(), back.publicKeyPackage().minSigners());
    assertEquals(key.createdAtMillis(), back.createdAtMillis());
  }

  @Test
  void dkgRoundsEncodeToTheCommittedBytesAndDecodeBack() throws Exception {
    for (SuiteBinding<?> suite : definition.suites()) {
      checkDkg(suite);
    }
  }

  private <E> void checkDkg(SuiteBinding<E> suite) throws Exception {
    Properties p = golden(suite);
    DkgRound<E> round = fixedDkg(suite);
    assertEquals(p.getProperty("dkg"), hex(codec().encodeDkg(round)), suite.ciphersuite() + " dkg");
    @SuppressWarnings("unchecked")
    DkgRound<E> back = (DkgRound<E>) codec().decodeDkg(hex(p, "dkg"));
    Group<E> g = suite.frost().group();
    Round2SecretPackage<E> s = round.secretPackage();
    Round2SecretPackage<E> b = back.secretPackage();
    assertEquals(s.identifier(), b.identifier());
    assertEquals(s.secretShare(), b.secretShare());
    assertEquals(s.minSigners(), b.minSigners());
    assertEquals(s.maxSigners(), b.maxSigners());
    assertEquals(elements(g, s.commitment()), elements(g, b.commitment()));
    assertEquals(round.peers().keySet(), back.peers().keySet());
    for (Identifier id : round.peers().keySet()) {
      Round1Package<E> x = round.peers().get(id);
      Round1Package<E> y = back.peers().get(id);
      assertEquals(elements(g, x.commitment()), elements(g, y.commitment()));
      assertEquals(hex(x.proofOfKnowledge().serialize(g)), hex(y.proofOfKnowledge().serialize(g)));
    }
  }

  private static <E> List<String> elements(Group<E> g, List<E> list) {
    return list.stream().map(e -> hex(g.serializeElement(e))).toList();
  }

  @Test
  void nonceRecordsEncodeToTheCommittedBytesAndDecodeBack() throws Exception {
    for (SuiteBinding<?> suite : definition.suites()) {
      checkNonces(suite);
    }
  }

  /** Fixed expiry of the version 2 nonce record. */
  static final long NONCE_EXPIRY = 1_764_000_600_000L;

  private <E> void checkNonces(SuiteBinding<E> suite) throws Exception {
    Properties p = golden(suite);
    SigningNonces<E> n = fixedNonces(suite);
    assertEquals(
        p.getProperty("nonces_v2"),
        hex(codec().encodeNonces(new NonceRecord<>(suite, n, NONCE_EXPIRY))),
        suite.ciphersuite() + " nonces");
    @SuppressWarnings("unchecked")
    NonceRecord<E> back = (NonceRecord<E>) codec().decodeNonces(hex(p, "nonces_v2"));
    assertNonces(suite, n, back.nonces());
    assertEquals(NONCE_EXPIRY, back.expiresAtMillis());
    // version 1, written before expiries were stored: still decodes, with no expiry (0: expired)
    @SuppressWarnings("unchecked")
    NonceRecord<E> legacy = (NonceRecord<E>) codec().decodeNonces(hex(p, "nonces"));
    assertNonces(suite, n, legacy.nonces());
    assertEquals(0, legacy.expiresAtMillis());
  }

  static <E> void assertNonces(SuiteBinding<E> suite, SigningNonces<E> want, SigningNonces<E> got) {
    Group<E> g = suite.frost().group();
    assertEquals(want.hidingNonce(), got.hidingNonce());
    assertEquals(want.bindingNonce(), got.bindingNonce());
    assertEquals(
        hex(g.serializeElement(want.commitments().hiding())),
        hex(g.serializeElement(got.commitments().hiding())));
    assertEquals(
        hex(g.serializeElement(want.commitments().binding())),
        hex(g.serializeElement(got.commitments().binding())));
  }

  // ---- key lifecycle (refresh, repair) ----

  /**
   * The fixed key after one replacement of its share (generation 1): key version 2, share present.
   */
  static <E> KeyRecord<E> refreshedKey(SuiteBinding<E> suite) {
    KeyRecord<E> key = fixedKey(suite);
    Group<E> g = suite.frost().group();
    BigInteger s1 = scalar(g, "refreshed-share-1");
    KeyPackage<E> kp =
        new KeyPackage<>(
            Identifier.of(1), s1, g.multiplyBase(s1), key.keyPackage().verifyingKey(), 2);
    return key.replaced(kp, key.publicKeyPackage());
  }

  /** The fixed key with its share dropped (generation 1): key version 2, no share. */
  static <E> KeyRecord<E> lostShareKey(SuiteBinding<E> suite) {
    KeyRecord<E> key = fixedKey(suite);
    KeyPackage<E> k = key.keyPackage();
    return key.replaced(
        new KeyPackage<>(k.identifier(), null, k.verifyingShare(), k.verifyingKey(), 2),
        key.publicKeyPackage());
  }

  @Test
  void keysOfALaterGenerationEncodeToTheCommittedBytesAndDecodeBack() throws Exception {
    for (SuiteBinding<?> suite : definition.suites()) {
      checkLaterKeys(suite);
    }
  }

  private <E> void checkLaterKeys(SuiteBinding<E> suite) throws Exception {
    checkLaterKey(suite, "key_v2", refreshedKey(suite));
    checkLaterKey(suite, "key_v2_share_lost", lostShareKey(suite));
  }

  private <E> void checkLaterKey(SuiteBinding<E> suite, String name, KeyRecord<E> key)
      throws Exception {
    Properties p = golden(suite);
    assertEquals(
        p.getProperty(name), hex(codec().encodeKey(key)), suite.ciphersuite() + " " + name);
    @SuppressWarnings("unchecked")
    KeyRecord<E> back = (KeyRecord<E>) codec().decodeKey(hex(p, name));
    Group<E> g = suite.frost().group();
    assertEquals(key.generation(), back.generation());
    assertEquals(key.hasShare(), back.hasShare());
    assertEquals(key.keyPackage().signingShare(), back.keyPackage().signingShare());
    assertEquals(key.keyPackage().identifier(), back.keyPackage().identifier());
    assertEquals(
        hex(g.serializeElement(key.keyPackage().verifyingShare())),
        hex(g.serializeElement(back.keyPackage().verifyingShare())));
    assertEquals(
        hex(g.serializeElement(key.publicKeyPackage().verifyingKey())),
        hex(g.serializeElement(back.publicKeyPackage().verifyingKey())));
    assertEquals(
        key.publicKeyPackage().verifyingShares().keySet(),
        back.publicKeyPackage().verifyingShares().keySet());
    assertEquals(key.createdAtMillis(), back.createdAtMillis());
  }

  @Test
  void nonceRecordsOfALaterKeyGenerationEncodeToTheCommittedBytesAndDecodeBack() throws Exception {
    for (SuiteBinding<?> suite : definition.suites()) {
      checkNoncesV3(suite);
    }
  }

  private <E> void checkNoncesV3(SuiteBinding<E> suite) throws Exception {
    Properties p = golden(suite);
    SigningNonces<E> n = fixedNonces(suite);
    assertEquals(
        p.getProperty("nonces_v3"),
        hex(codec().encodeNonces(new NonceRecord<>(suite, n, NONCE_EXPIRY, 1))),
        suite.ciphersuite() + " nonces_v3");
    @SuppressWarnings("unchecked")
    NonceRecord<E> back = (NonceRecord<E>) codec().decodeNonces(hex(p, "nonces_v3"));
    assertNonces(suite, n, back.nonces());
    assertEquals(NONCE_EXPIRY, back.expiresAtMillis());
    assertEquals(1, back.keyGeneration());
    // version 2 records (keys of generation 0) decode with generation 0
    assertEquals(0, codec().decodeNonces(hex(p, "nonces_v2")).keyGeneration());
  }

  @Test
  void refreshRoundsEncodeToTheCommittedBytesAndDecodeBack() throws Exception {
    for (SuiteBinding<?> suite : definition.suites()) {
      checkRefresh(suite);
    }
  }

  private <E> void checkRefresh(SuiteBinding<E> suite) throws Exception {
    Properties p = golden(suite);
    Group<E> g = suite.frost().group();
    // a refresh commitment leaves out its constant term: min_signers - 1 = 1 element
    Round2SecretPackage<E> secret =
        new Round2SecretPackage<>(
            Identifier.of(1), List.of(g.multiplyBase(scalar(g, "r1"))), scalar(g, "g1(1)"), 2, 2);
    SortedMap<Identifier, Round1Package<E>> peers = new TreeMap<>();
    peers.put(
        Identifier.of(2),
        new Round1Package<>(
            List.of(g.multiplyBase(scalar(g, "q1"))),
            new Signature<>(g.multiplyBase(scalar(g, "pok-k")), scalar(g, "pok-z"))));
    RefreshRound<E> round = new RefreshRound<>(suite, secret, peers, 3);
    assertEquals(
        p.getProperty("refresh"),
        hex(codec().encodeRefresh(round)),
        suite.ciphersuite() + " refresh");
    @SuppressWarnings("unchecked")
    RefreshRound<E> back = (RefreshRound<E>) codec().decodeRefresh(hex(p, "refresh"));
    assertEquals(secret.identifier(), back.secretPackage().identifier());
    assertEquals(secret.secretShare(), back.secretPackage().secretShare());
    assertEquals(elements(g, secret.commitment()), elements(g, back.secretPackage().commitment()));
    assertEquals(
        elements(g, peers.get(Identifier.of(2)).commitment()),
        elements(g, back.peers().get(Identifier.of(2)).commitment()));
    assertEquals(3, back.keyGeneration());
  }

  @Test
  void repairRoundsEncodeToTheCommittedBytesAndDecodeBack() throws Exception {
    for (SuiteBinding<?> suite : definition.suites()) {
      checkRepair(suite);
    }
  }

  /** The repair round whose encoding the golden files hold (participant 1, helpers 2 and 3). */
  private <E> RepairRound<E> goldenRepairRound(SuiteBinding<E> suite) {
    return new RepairRound<>(
        suite,
        Identifier.of(1),
        new java.util.TreeSet<>(List.of(Identifier.of(2), Identifier.of(3))),
        new Delta(scalar(suite.frost().group(), "delta-3")),
        2);
  }

  private <E> void checkRepair(SuiteBinding<E> suite) throws Exception {
    Properties p = golden(suite);
    RepairRound<E> round = goldenRepairRound(suite);
    assertEquals(
        p.getProperty("repair"), hex(codec().encodeRepair(round)), suite.ciphersuite() + " repair");
    @SuppressWarnings("unchecked")
    RepairRound<E> back = (RepairRound<E>) codec().decodeRepair(hex(p, "repair"));
    assertEquals(round.participant(), back.participant());
    assertEquals(round.helpers(), back.helpers());
    assertEquals(round.ownDelta().value(), back.ownDelta().value());
    assertEquals(2, back.keyGeneration());
  }

  /**
   * A repair round goes through the repository's one save path, like keys and other rounds: what
   * the store holds opens (SIGNER_STORAGE_KEY, binding {@code service|tenant|keyid|repair|}) to the
   * committed bytes and is taken back whole; a round that cannot be encoded is a failed future,
   * never a throw (RequestState's contract; before, saveRepairRound sealed outside that path and
   * threw).
   */
  @Test
  void repairRoundsAreStoredSealedAsTheCommittedBytes() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      for (SuiteBinding<?> suite : definition.suites()) {
        checkStoredRepair(vertx, suite);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private <E> void checkStoredRepair(Vertx vertx, SuiteBinding<E> suite) throws Exception {
    byte[] storageKey = new byte[32];
    new java.security.SecureRandom().nextBytes(storageKey);
    SecretBox box = new SecretBox(storageKey);
    MemoryStore store = new MemoryStore(vertx);
    StateRepository repo =
        new StateRepository(
            store,
            box,
            definition.suitesByName(),
            "svc",
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            TenantQuotas.UNLIMITED);
    Call call = new Call("t1", "k1", "/repair");
    RepairRound<E> round = goldenRepairRound(suite);
    repo.saveRepairRound(call, round).await(10, TimeUnit.SECONDS);
    byte[] stored = store.get(StoreKeys.repair("svc.t1", "k1")).await(10, TimeUnit.SECONDS);
    assertEquals(
        golden(suite).getProperty("repair"),
        hex(box.open(stored, "svc|t1|k1|repair|")),
        suite.ciphersuite() + " stored repair round");
    RepairRound<?> back = repo.takeRepairRound(call).await(10, TimeUnit.SECONDS);
    assertEquals(round.ownDelta().value(), back.ownDelta().value());
    assertEquals(round.helpers(), back.helpers());
    RepairRound<E> unencodable =
        new RepairRound<>(suite, Identifier.of(1), round.helpers(), null, 2);
    Future<Void> f =
        assertDoesNotThrow(
            () -> repo.saveRepairRound(call, unencodable), "a failed future, never a throw");
    assertTrue(f.failed());
    assertNull(store.get(StoreKeys.repair("svc.t1", "k1")).await(10, TimeUnit.SECONDS));
    store.close();
  }
}
