package dev.frostsandbox.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker-compose.yml and the Dockerfile it builds from, read the way Compose reads them. */
final class ComposeFile {

  final JsonNode root;

  ComposeFile(Path file) {
    this.root = Sandbox.yaml(file);
  }

  static ComposeFile load() {
    return new ComposeFile(Sandbox.root().resolve("docker-compose.yml"));
  }

  JsonNode service(String name) {
    JsonNode s = root.path("services").path(name);
    if (s.isMissingNode()) {
      throw new AssertionError("docker-compose.yml has no service " + name);
    }
    return s;
  }

  List<String> serviceNames() {
    List<String> names = new ArrayList<>();
    root.path("services").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The environment, in map form or "KEY=value" list form. */
  static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode e = service.path("environment");
    if (e.isObject()) {
      e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
    } else if (e.isArray()) {
      for (JsonNode item : e) {
        String s = item.asText();
        int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return env;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** "host:container" port mappings as [host, container]. */
  static List<int[]> ports(JsonNode service) {
    List<int[]> out = new ArrayList<>();
    for (JsonNode p : service.path("ports")) {
      String[] parts = p.asText().split(":", -1);
      out.add(
          new int[] {
            Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1])
          });
    }
    return out;
  }

  /** Services in an order that respects depends_on (what Compose starts first). */
  List<String> startOrder() {
    List<String> order = new ArrayList<>();
    for (String s : serviceNames()) {
      visit(s, order, new ArrayList<>());
    }
    return order;
  }

  private void visit(String s, List<String> order, List<String> path) {
    if (order.contains(s)) {
      return;
    }
    if (path.contains(s)) {
      throw new AssertionError("depends_on cycle through " + s);
    }
    path.add(s);
    service(s).path("depends_on").fieldNames().forEachRemaining(d -> visit(d, order, path));
    order.add(s);
  }

  /**
   * What Compose runs for {@code service}: its own {@code entrypoint} (exec form) when it has one,
   * else the Dockerfile's.
   */
  static List<String> entrypoint(JsonNode service, Path dockerfile) {
    JsonNode own = service.path("entrypoint");
    if (own.isMissingNode()) {
      return entrypoint(dockerfile);
    }
    if (!own.isArray()) {
      throw new AssertionError("entrypoint is not in exec (list) form: " + own);
    }
    return strings(own);
  }

  /** The Dockerfile's ENTRYPOINT (exec form) of its last stage. */
  static List<String> entrypoint(Path dockerfile) {
    List<String> entry = null;
    for (String line : lines(dockerfile)) {
      if (line.startsWith("ENTRYPOINT ")) {
        try {
          entry = strings(Sandbox.JSON.readTree(line.substring("ENTRYPOINT ".length())));
        } catch (IOException e) {
          throw new AssertionError("ENTRYPOINT is not in exec (JSON) form: " + line);
        }
      }
    }
    if (entry == null) {
      throw new AssertionError(dockerfile + " has no ENTRYPOINT");
    }
    return entry;
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().map(String::strip).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
