package dev.frostsandbox.problem;

import com.google.errorprone.annotations.Immutable;
import java.util.Objects;

/**
 * One kind of problem: a stable slug, title and status, as clients match on them.
 *
 * @param slug stable identifier; the fragment of the type URI for signer errors
 * @param title stable human-readable summary, identical for every occurrence
 * @param status HTTP status code
 * @param aboutBlank {@code true} when the {@code type} member is {@code about:blank}
 *     (backend-service and generic HTTP errors), {@code false} when it is {@code <base>#<slug>}
 *     (signer errors)
 * @param defaultDetail detail used when an occurrence gives none; may be {@code null}
 */
@Immutable
public record ProblemType(
    String slug, String title, int status, boolean aboutBlank, String defaultDetail) {

  public static final String ABOUT_BLANK = "about:blank";

  public ProblemType {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("problem status must be 4xx or 5xx: " + status);
    }
  }

  /** A signer error: {@code type} is {@code <base>#<slug>}. */
  public static ProblemType signer(String slug, String title, int status, String defaultDetail) {
    return new ProblemType(slug, title, status, false, defaultDetail);
  }

  /** A backend-service or generic HTTP error: {@code type} is {@code about:blank}. */
  public static ProblemType aboutBlank(
      String slug, String title, int status, String defaultDetail) {
    return new ProblemType(slug, title, status, true, defaultDetail);
  }

  /** The {@code type} member for this kind, given the configured base URI of signer errors. */
  public String typeUri(String typeBase) {
    if (aboutBlank) {
      return ABOUT_BLANK;
    }
    Objects.requireNonNull(typeBase, "typeBase");
    // tolerate a trailing '#' or '/' in configuration without producing "…/#slug" or "…##slug"
    String base = typeBase;
    while (base.endsWith("#") || base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "#" + slug;
  }

  /** A new occurrence with the default detail. */
  public Problem problem() {
    return Problem.of(this);
  }

  /** A new occurrence with the given detail. */
  public Problem problem(String detail) {
    return Problem.of(this, detail);
  }

  /** A ready-to-throw exception for an occurrence with the given detail. */
  public ProblemException exception(String detail) {
    return new ProblemException(Problem.of(this, detail));
  }
}
