package dev.frostsandbox.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frostsandbox.store.StoreConfig;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** SignerConfig.VARIABLES (what deployment files are checked against) is exactly what is read. */
class SignerConfigVariablesTest {

  @Test
  void variablesListsExactlyTheNamesTheServiceReads() {
    Set<String> read = new TreeSet<>();
    HashMap<String, String> env =
        new HashMap<>() {
          @Override
          public String get(Object key) {
            read.add((String) key);
            return super.get(key);
          }
        };
    SignerConfig.fromEnv(env, 8081);
    StoreConfig.fromEnv(env);
    dev.frostsandbox.signer.ops.Warmup.enabled(env); // read by SignerMain
    assertEquals(read, new TreeSet<>(SignerConfig.VARIABLES));
    assertEquals(
        SignerConfig.VARIABLES.size(),
        new TreeSet<>(SignerConfig.VARIABLES).size(),
        "each name once");
  }
}
