package dev.frostsandbox.testing;

import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import io.vertx.core.Context;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ciphersuite for the server under test whose group notes, for each costly call (decoding or
 * encoding an element, a scalar multiplication), whether it ran on a Vert.x event-loop thread; and
 * can hold the next element decoding until the test releases it. Everything else is the wrapped
 * suite's.
 */
public final class ThreadRecordingSuite<E> implements Ciphersuite<E> {

  private final Ciphersuite<E> suite;
  private final RecordingGroup group;

  private final AtomicInteger decodesOnEventLoop = new AtomicInteger();
  private final AtomicInteger decodesElsewhere = new AtomicInteger();
  private final AtomicInteger multipliesOnEventLoop = new AtomicInteger();
  private final AtomicInteger multipliesElsewhere = new AtomicInteger();
  private final AtomicInteger encodesOnEventLoop = new AtomicInteger();
  private final AtomicInteger encodesElsewhere = new AtomicInteger();

  private final AtomicBoolean gateArmed = new AtomicBoolean();
  private volatile CountDownLatch gateEntered = new CountDownLatch(0);
  private volatile CountDownLatch gateRelease = new CountDownLatch(0);

  public ThreadRecordingSuite(Ciphersuite<E> suite) {
    this.suite = suite;
    this.group = new RecordingGroup(suite.group());
  }

  /** {@code definition} with its suite {@code suite} replaced by a recording one. */
  public static <E> ServiceDefinition definition(
      ServiceDefinition definition, SuiteBinding<E> suite, ThreadRecordingSuite<E> recording) {
    return new ServiceDefinition(
        definition.name(),
        definition.prefix(),
        definition.keyKind(),
        List.of(new SuiteBinding<>(new Frost<>(recording), suite.internalError())),
        definition.defaultPort());
  }

  /** Counts of costly calls by thread kind. */
  public record Counts(
      int decodesOnEventLoop,
      int decodesElsewhere,
      int multipliesOnEventLoop,
      int multipliesElsewhere,
      int encodesOnEventLoop,
      int encodesElsewhere) {
    public int decodes() {
      return decodesOnEventLoop + decodesElsewhere;
    }
  }

  public Counts counts() {
    return new Counts(
        decodesOnEventLoop.get(),
        decodesElsewhere.get(),
        multipliesOnEventLoop.get(),
        multipliesElsewhere.get(),
        encodesOnEventLoop.get(),
        encodesElsewhere.get());
  }

  public void reset() {
    decodesOnEventLoop.set(0);
    decodesElsewhere.set(0);
    multipliesOnEventLoop.set(0);
    multipliesElsewhere.set(0);
    encodesOnEventLoop.set(0);
    encodesElsewhere.set(0);
  }

  /** The next element decoding waits (at most {@code limit}) until {@link #release()}. */
  public void holdNextDecoding() {
    gateEntered = new CountDownLatch(1);
    gateRelease = new CountDownLatch(1);
    gateArmed.set(true);
  }

  /** Waits until a held decoding has started; false after {@code seconds}. */
  public boolean awaitHeld(long seconds) throws InterruptedException {
    return gateEntered.await(seconds, TimeUnit.SECONDS);
  }

  public void release() {
    gateArmed.set(false);
    gateRelease.countDown();
  }

  private void decoding() {
    (Context.isOnEventLoopThread() ? decodesOnEventLoop : decodesElsewhere).incrementAndGet();
    if (gateArmed.compareAndSet(true, false)) {
      gateEntered.countDown();
      try {
        // bounded: a test that never releases still ends
        gateRelease.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void multiplying() {
    (Context.isOnEventLoopThread() ? multipliesOnEventLoop : multipliesElsewhere).incrementAndGet();
  }

  @Override
  public String contextString() {
    return suite.contextString();
  }

  @Override
  public Group<E> group() {
    return group;
  }

  @Override
  public BigInteger h1(byte[] m) {
    return suite.h1(m);
  }

  @Override
  public BigInteger h2(byte[] m) {
    return suite.h2(m);
  }

  @Override
  public BigInteger h3(byte[] m) {
    return suite.h3(m);
  }

  @Override
  public byte[] h4(byte[] m) {
    return suite.h4(m);
  }

  @Override
  public byte[] h5(byte[] m) {
    return suite.h5(m);
  }

  @Override
  public BigInteger hdkg(byte[] m) {
    return suite.hdkg(m);
  }

  @Override
  public BigInteger hid(byte[] m) {
    return suite.hid(m);
  }

  private final class RecordingGroup implements Group<E> {
    private final Group<E> g;

    RecordingGroup(Group<E> g) {
      this.g = g;
    }

    @Override
    public BigInteger order() {
      return g.order();
    }

    @Override
    public int cofactor() {
      return g.cofactor();
    }

    @Override
    public E identity() {
      return g.identity();
    }

    @Override
    public E generator() {
      return g.generator();
    }

    @Override
    public E add(E a, E b) {
      return g.add(a, b);
    }

    @Override
    public E negate(E a) {
      return g.negate(a);
    }

    @Override
    public E subtract(E a, E b) {
      return g.subtract(a, b);
    }

    @Override
    public java.util.Map<dev.frostsandbox.frost.InvalidElementKind, byte[]>
        invalidElementEncodings() {
      return g.invalidElementEncodings();
    }

    @Override
    public E multiply(E p, BigInteger k) {
      multiplying();
      return g.multiply(p, k);
    }

    @Override
    public E multiplyBase(BigInteger k) {
      multiplying();
      return g.multiplyBase(k);
    }

    @Override
    public E multiplyAll(List<E> points, List<BigInteger> scalars) {
      multiplying();
      return g.multiplyAll(points, scalars);
    }

    @Override
    public List<E> multiplyBaseAll(List<BigInteger> scalars) {
      multiplying();
      return g.multiplyBaseAll(scalars);
    }

    @Override
    public E addAllPlusMultiplyAll(List<E> addends, List<E> points, List<BigInteger> scalars) {
      multiplying();
      return g.addAllPlusMultiplyAll(addends, points, scalars);
    }

    @Override
    public boolean isIdentity(E a) {
      return g.isIdentity(a);
    }

    @Override
    public boolean equal(E a, E b) {
      return g.equal(a, b);
    }

    @Override
    public int elementLength() {
      return g.elementLength();
    }

    @Override
    public int scalarLength() {
      return g.scalarLength();
    }

    @Override
    public byte[] serializeElement(E e) {
      (Context.isOnEventLoopThread() ? encodesOnEventLoop : encodesElsewhere).incrementAndGet();
      return g.serializeElement(e);
    }

    @Override
    public E deserializeElement(byte[] bytes) throws InvalidEncodingException {
      decoding();
      return g.deserializeElement(bytes);
    }

    @Override
    public byte[] serializeScalar(BigInteger s) {
      return g.serializeScalar(s);
    }

    @Override
    public BigInteger deserializeScalar(byte[] bytes) throws InvalidEncodingException {
      return g.deserializeScalar(bytes);
    }

    @Override
    public BigInteger randomNonZeroScalar(SecureRandom random) {
      return g.randomNonZeroScalar(random);
    }
  }
}
