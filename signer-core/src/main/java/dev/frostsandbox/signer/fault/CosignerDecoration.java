package dev.frostsandbox.signer.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.InvalidElementKind;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.fault.cosigner.BadDkgProof;
import dev.frostsandbox.signer.fault.cosigner.BadDkgShare;
import dev.frostsandbox.signer.fault.cosigner.BadSignatureShare;
import dev.frostsandbox.signer.fault.cosigner.BadSigningCommitment;
import dev.frostsandbox.signer.fault.cosigner.CosignerFault;
import dev.frostsandbox.signer.fault.cosigner.InvalidElement;
import dev.frostsandbox.signer.fault.cosigner.WrongVerifyingKey;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.service.DkgService;
import dev.frostsandbox.signer.service.SigningService;
import dev.frostsandbox.signer.state.KeyRecord;
import io.vertx.core.Future;

/**
 * A misbehaving cosigner: the service runs and commits as for a correct answer, then the typed
 * result (or, for {@code invalid-element}, the rendered JSON) is corrupted by the pure function of
 * the slug ({@code fault.cosigner}). The group comes from the key's suite, so nothing here names a
 * ciphersuite. Every request of a service with faults enabled carries one ({@link #LENIENT} without
 * a fault), so that a round 2 finds the nonces behind round-1 commitments a {@code
 * bad-signing-commitment} corrupted, and signs with the real ones.
 */
final class CosignerDecoration implements Armed {

  /** No fault: only round 2's lookup behind corrupted commitments. */
  static final CosignerDecoration LENIENT = new CosignerDecoration(null, null);

  private final CosignerFault fault;
  private final InvalidElementKind variant;

  /** The key's group, from the typed result; read again when the rendered answer is corrupted. */
  private volatile Group<?> group;

  private volatile boolean fired;

  CosignerDecoration(CosignerFault fault, InvalidElementKind variant) {
    this.fault = fault;
    this.variant =
        fault == CosignerFault.INVALID_ELEMENT && variant == null
            ? InvalidElement.DEFAULT_KIND
            : variant;
  }

  @Override
  public boolean fired() {
    return fired;
  }

  @Override
  public String injected() {
    return fault == CosignerFault.INVALID_ELEMENT
        ? fault.slug() + "=" + variant.slug()
        : fault.slug();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> Future<R> result(ApiRoute<R> route, Call call, R result) {
    if (fault == null) {
      return Future.succeededFuture(result);
    }
    Object corrupted;
    if (result instanceof SigningService.SignResult<?> r) {
      corrupted = sign(r);
    } else if (result instanceof SigningService.Round1Result<?> r) {
      corrupted = signRound1(r);
    } else if (result instanceof SigningService.Round2Result<?> r) {
      corrupted = signRound2(r);
    } else if (result instanceof SigningService.AggregateResult<?> r) {
      corrupted = keep(r.key().suite(), r);
    } else if (result instanceof DkgService.Round1Result<?> r) {
      corrupted = dkgRound1(r);
    } else if (result instanceof DkgService.Round2Result<?> r) {
      corrupted = new DkgService.Round2Result<>(key(r.key()));
    } else if (result instanceof KeyRecord<?> r) {
      corrupted = key(r);
    } else {
      corrupted = result;
    }
    if (fault == CosignerFault.INVALID_ELEMENT
        && group != null
        && !InvalidElement.kinds(group).contains(variant)) {
      // only reachable on a service mixing groups: the injector refuses a variant no suite has
      return Future.failedFuture(
          FaultHeaders.bad(
              FaultHeaders.VARIANT,
              variant.slug() + " is not an invalid encoding of this key's group"));
    }
    return Future.succeededFuture((R) corrupted);
  }

  @Override
  public ObjectNode rendered(ApiRoute<?> route, Call call, ObjectNode answer) {
    if (fault == CosignerFault.INVALID_ELEMENT
        && group != null
        && !InvalidElement.corrupt(group, answer, variant).isEmpty()) {
      fired = true;
    }
    return answer;
  }

  private <T> T keep(SuiteBinding<?> suite, T result) {
    group = suite.frost().group();
    return result;
  }

  private <E> Group<E> groupOf(SuiteBinding<E> suite) {
    group = suite.frost().group();
    return suite.frost().group();
  }

  private boolean is(CosignerFault f) {
    if (fault == f) {
      fired = true;
      return true;
    }
    return false;
  }

  private <E> SigningService.SignResult<E> sign(SigningService.SignResult<E> r) {
    Group<E> g = groupOf(r.key().suite());
    SigningCommitments<E> commitments =
        is(CosignerFault.BAD_SIGNING_COMMITMENT)
            ? BadSigningCommitment.corrupt(g, r.commitments())
            : r.commitments();
    SignatureShare share =
        is(CosignerFault.BAD_SIGNATURE_SHARE) ? BadSignatureShare.corrupt(g, r.share()) : r.share();
    return new SigningService.SignResult<>(r.key(), commitments, share);
  }

  private <E> SigningService.Round1Result<E> signRound1(SigningService.Round1Result<E> r) {
    Group<E> g = groupOf(r.key().suite());
    return is(CosignerFault.BAD_SIGNING_COMMITMENT)
        ? new SigningService.Round1Result<>(
            r.key(), BadSigningCommitment.corrupt(g, r.commitments()))
        : r;
  }

  private <E> SigningService.Round2Result<E> signRound2(SigningService.Round2Result<E> r) {
    Group<E> g = groupOf(r.key().suite());
    return is(CosignerFault.BAD_SIGNATURE_SHARE)
        ? new SigningService.Round2Result<>(r.key(), BadSignatureShare.corrupt(g, r.share()))
        : r;
  }

  private <E> DkgService.Round1Result<E> dkgRound1(DkgService.Round1Result<E> r) {
    Group<E> g = groupOf(r.request().suite());
    Dkg.Part1<E> part1 = r.part1();
    Dkg.Part2<E> part2 = r.part2();
    if (is(CosignerFault.BAD_DKG_PROOF)) {
      part1 = new Dkg.Part1<>(part1.secretPackage(), BadDkgProof.corrupt(g, part1.package_()));
    }
    if (is(CosignerFault.BAD_DKG_SHARE)) {
      part2 = new Dkg.Part2<>(part2.secretPackage(), BadDkgShare.corrupt(g, part2.packages()));
    }
    return new DkgService.Round1Result<>(r.request(), part1, part2);
  }

  /**
   * The key as GET keys and dkg/round2 render it: with a wrong group key for wrong-verifying-key.
   */
  private <E> KeyRecord<E> key(KeyRecord<E> k) {
    Group<E> g = groupOf(k.suite());
    return is(CosignerFault.WRONG_VERIFYING_KEY)
        ? new KeyRecord<>(
            k.suite(),
            k.keyPackage(),
            WrongVerifyingKey.corrupt(g, k.publicKeyPackage()),
            k.createdAtMillis())
        : k;
  }
}
