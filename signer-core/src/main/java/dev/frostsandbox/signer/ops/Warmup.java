package dev.frostsandbox.signer.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.SignerConfig;
import dev.frostsandbox.signer.SuiteBinding;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Start-up warm-up ({@code SIGNER_WARMUP=true}): right after start, a background thread runs a few
 * 2-of-2 DKGs and signatures of every suite of the service, entirely in memory (the engine and the
 * JSON encoding and strict reading of every package the endpoints exchange), so the JIT compiles
 * the curve arithmetic and hashing before the first clients need them rather than while it answers
 * them. It never touches the store (no tenant, key, round or nonce is written or read), the event
 * loops or the metrics, and logs only its duration: its keys are throw-away and never leave the
 * thread.
 */
public final class Warmup {

  /** The environment variable that turns it on ({@code true}) or off ({@code false}, default). */
  public static final String VARIABLE = "SIGNER_WARMUP";

  /** Rounds per suite: each a DKG, two signatures (one with a tweak where the suite has one). */
  public static final int ROUNDS = 12;

  private static final Logger LOG = Logger.getLogger(Warmup.class.getName());

  private Warmup() {}

  /** Whether {@code env} asks for it, read like the other boolean {@code SIGNER_*} variables. */
  public static boolean enabled(Map<String, String> env) {
    return SignerConfig.bool(env, VARIABLE, false);
  }

  /**
   * Starts the warm-up of {@code suites} on a daemon thread of minimum priority (a hint only: the
   * JVM ignores thread priorities on Linux by default, so it competes with the event loops for the
   * cores while it runs) and returns that thread. It is an optimisation only: the service is ready
   * before it starts and serves whatever becomes of it, so a failure ends the warm-up and nothing
   * else (see {@link #start(String, String, Runnable)}).
   */
  public static Thread start(String service, List<SuiteBinding<?>> suites) {
    return start(
        service, ROUNDS + " rounds of " + suites.size() + " suite(s)", () -> run(suites, ROUNDS));
  }

  /**
   * Runs {@code work} on the warm-up thread. Whatever it throws ends the warm-up only and is logged
   * by its class alone (a message could name values of the throw-away keys): an exception as a
   * warning; an {@link Error} (OutOfMemoryError, StackOverflowError, LinkageError...) as SEVERE, so
   * it is never hidden, and not rethrown, since a dying daemon thread would only add an unformatted
   * stack trace on stderr beside the JSON log. What the JVM does about an Error itself
   * (-XX:+ExitOnOutOfMemoryError in the image) is unaffected: it acts where the Error is thrown.
   */
  static Thread start(String service, String what, Runnable work) {
    Thread t =
        new Thread(
            () -> {
              long t0 = System.nanoTime();
              try {
                work.run();
                LOG.info(
                    String.format(
                        "%s warm-up: %s in %d ms",
                        service, what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)));
              } catch (Exception e) {
                LOG.warning(
                    service
                        + " warm-up stopped ("
                        + e.getClass().getName()
                        + "); the service serves without it");
              } catch (Error e) {
                LOG.severe(
                    service
                        + " warm-up failed with an error ("
                        + e.getClass().getName()
                        + "); the service serves without it");
              }
            },
            "signer-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }

  /** {@code rounds} rounds of every suite, the suites interleaved. */
  public static void run(List<SuiteBinding<?>> suites, int rounds) {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < rounds; i++) {
      for (SuiteBinding<?> s : suites) {
        round(s.frost(), random, i);
      }
    }
  }

  /**
   * One 2-of-2 DKG between two in-memory participants, each package through JSON as on the wire,
   * then a signature by both, aggregated and verified (and, for a suite with a BIP-341 tweak, one
   * with a merkle root on odd rounds).
   */
  static <E> void round(Frost<E> frost, SecureRandom random, int i) {
    FrostJson<E> json = frost.json();
    Identifier a = Identifier.of(1);
    Identifier b = Identifier.of(2);
    Dkg<E> dkg = frost.dkg();
    Dkg.Part1<E> a1 = dkg.part1(a, 2, 2, random);
    Dkg.Part1<E> b1 = dkg.part1(b, 2, 2, random);
    Round1Package<E> a1p = read(json, r -> r.round1Package(json.round1Package(a1.package_()), ""));
    Round1Package<E> b1p = read(json, r -> r.round1Package(json.round1Package(b1.package_()), ""));
    Dkg.Part2<E> a2 = dkg.part2(a1.secretPackage(), Map.of(b, b1p));
    Dkg.Part2<E> b2 = dkg.part2(b1.secretPackage(), Map.of(a, a1p));
    Round2Package toA =
        read(json, r -> r.round2Package(json.round2Package(b2.packages().get(a)), ""));
    Round2Package toB =
        read(json, r -> r.round2Package(json.round2Package(a2.packages().get(b)), ""));
    Dkg.Part3<E> a3 = dkg.part3(a2.secretPackage(), Map.of(b, b1p), Map.of(b, toA));
    Dkg.Part3<E> b3 = dkg.part3(b2.secretPackage(), Map.of(a, a1p), Map.of(a, toB));
    PublicKeyPackage<E> pub =
        read(json, r -> r.publicKeyPackage(json.publicKeyPackage(b3.publicKeyPackage()), ""));
    KeyPackage<E> ka = a3.keyPackage();
    KeyPackage<E> kb = b3.keyPackage();
    if (frost.suite().tweaks() && i % 2 == 1) {
      byte[] root = new byte[32];
      random.nextBytes(root);
      ka = frost.suite().tweak(ka, root);
      kb = frost.suite().tweak(kb, root);
      pub = frost.suite().tweak(pub, root);
    }
    byte[] message = ("warm-up " + i).getBytes(StandardCharsets.UTF_8);
    SigningNonces<E> na = frost.signing().commit(ka.signingShare(), random);
    SigningNonces<E> nb = frost.signing().commit(kb.signingShare(), random);
    SortedMap<Identifier, SigningCommitments<E>> commitments = new TreeMap<>();
    commitments.put(a, na.commitments());
    commitments.put(b, nb.commitments());
    SigningPackage<E> pkg =
        read(
            json,
            r ->
                r.signingPackage(
                    json.signingPackage(new SigningPackage<>(commitments, message)), ""));
    SortedMap<Identifier, SignatureShare> shares = new TreeMap<>();
    shares.put(a, frost.signing().sign(pkg, na, ka));
    SignatureShare sb = frost.signing().sign(pkg, nb, kb);
    shares.put(b, read(json, r -> r.signatureShare(json.signatureShare(sb), "")));
    Signature<E> sig = frost.signing().aggregate(pkg, shares, pub);
    JsonNode encoded = FrostJson.MAPPER.valueToTree(json.signature(sig));
    if (!frost.signing().verify(message, sig, pub.verifyingKey()) || encoded.isNull()) {
      throw new IllegalStateException("a warm-up signature did not verify");
    }
  }

  private static <E, T> T read(
      FrostJson<E> json, java.util.function.Function<PackageReader<E>, T> f) {
    PackageReader<E> r = json.reader();
    T value = f.apply(r);
    try {
      r.finish();
    } catch (dev.frostsandbox.frost.json.InvalidPackageException e) {
      throw new IllegalStateException("a warm-up package did not read back", e);
    }
    return value;
  }
}
