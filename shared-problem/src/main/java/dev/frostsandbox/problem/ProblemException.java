package dev.frostsandbox.problem;

import java.util.Objects;

/**
 * Carries a {@link Problem} out of a handler to the {@link ProblemRenderer}.
 *
 * <p>No stack trace is captured: the exception is a control-flow signal, cheap to throw on hot
 * paths, and a trace must never reach a response body anyway. The message is the problem's detail
 * (or title), so never put secrets in a detail.
 */
public final class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(messageOf(problem), null, false, false);
    this.problem = problem;
  }

  public ProblemException(ProblemType type, String detail) {
    this(Problem.of(type, detail));
  }

  public Problem problem() {
    return problem;
  }

  private static String messageOf(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    return problem.detail() != null ? problem.detail() : problem.title();
  }
}
