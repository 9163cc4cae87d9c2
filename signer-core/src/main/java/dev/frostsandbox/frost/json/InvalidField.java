package dev.frostsandbox.frost.json;

/** One rejected part of a JSON document: where (RFC 6901 JSON Pointer) and why. */
public record InvalidField(String pointer, String detail) {

  /** Appends a reference token to a pointer, escaping '~' and '/' as RFC 6901 requires. */
  public static String child(String pointer, String token) {
    return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
  }

  public static String child(String pointer, int index) {
    return pointer + "/" + index;
  }
}
