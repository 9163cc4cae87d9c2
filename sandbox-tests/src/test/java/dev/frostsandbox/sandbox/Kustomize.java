package dev.frostsandbox.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The subset of kustomize the k8s/ tree uses, so the manifests can be checked where kubectl is not
 * installed: {@code resources} (files and kustomization directories) and {@code patches} with a
 * {@code target} (kind, name) and an inline JSON 6902 {@code patch} (add, replace, remove).
 * Anything else fails loudly rather than being rendered wrong.
 */
final class Kustomize {
  private Kustomize() {}

  private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "patches");

  static List<ObjectNode> render(Path dir) {
    JsonNode k = Sandbox.yaml(dir.resolve("kustomization.yaml"));
    k.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw new AssertionError(
                    dir
                        + ": '"
                        + f
                        + "' is beyond the test renderer; keep to resources and JSON 6902 patches");
              }
            });
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode r : k.path("resources")) {
      Path p = dir.resolve(r.asText()).normalize();
      if (Files.isDirectory(p)) {
        objects.addAll(render(p));
      } else {
        objects.addAll(documents(p));
      }
    }
    for (JsonNode patch : k.path("patches")) {
      if (!patch.has("target") || !patch.has("patch") || patch.size() != 2) {
        throw new AssertionError(
            dir + ": only {target, patch} entries with inline JSON 6902 patches are supported");
      }
      String kind = patch.path("target").path("kind").asText();
      String name = patch.path("target").path("name").asText();
      JsonNode ops;
      try {
        ops = Sandbox.YAML.readTree(patch.path("patch").asText());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int matched = 0;
      for (ObjectNode o : objects) {
        if (o.path("kind").asText().equals(kind)
            && o.path("metadata").path("name").asText().equals(name)) {
          matched++;
          for (JsonNode op : ops) {
            apply(o, op);
          }
        }
      }
      if (matched == 0) {
        throw new AssertionError(dir + ": a patch targets no object: " + kind + "/" + name);
      }
    }
    return objects;
  }

  static List<ObjectNode> documents(Path file) {
    try {
      return documents(java.nio.file.Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ObjectNode> documents(String yaml) {
    List<ObjectNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = Sandbox.YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && n.isObject()) {
          out.add((ObjectNode) n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** RFC 6902 add, replace, remove. */
  static void apply(ObjectNode doc, JsonNode op) {
    String kind = op.path("op").asText();
    String[] tokens = op.path("path").asText().substring(1).split("/", -1);
    JsonNode parent = doc;
    for (int i = 0; i < tokens.length - 1; i++) {
      String t = unescape(tokens[i]);
      parent = parent.isArray() ? parent.get(Integer.parseInt(t)) : parent.get(t);
      if (parent == null) {
        throw new AssertionError("patch path does not exist: " + op.path("path").asText());
      }
    }
    String last = unescape(tokens[tokens.length - 1]);
    JsonNode value = op.get("value");
    switch (kind) {
      case "add" -> {
        if (parent instanceof ArrayNode a) {
          if (last.equals("-")) {
            a.add(value.deepCopy());
          } else {
            a.insert(Integer.parseInt(last), value.deepCopy());
          }
        } else {
          ((ObjectNode) parent).set(last, value.deepCopy());
        }
      }
      case "replace" -> {
        if (parent instanceof ArrayNode a) {
          a.set(Integer.parseInt(last), value.deepCopy());
        } else if (parent.has(last)) {
          ((ObjectNode) parent).set(last, value.deepCopy());
        } else {
          throw new AssertionError("replace of a missing member: " + op.path("path").asText());
        }
      }
      case "remove" -> {
        if (parent instanceof ArrayNode a) {
          a.remove(Integer.parseInt(last));
        } else if (((ObjectNode) parent).remove(last) == null) {
          throw new AssertionError("remove of a missing member: " + op.path("path").asText());
        }
      }
      default ->
          throw new AssertionError("JSON 6902 op '" + kind + "' is beyond the test renderer");
    }
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
