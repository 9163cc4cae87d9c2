package dev.frostsandbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Every PrimitivesBench benchmark, once per value of its state's {@code @Param}, as JMH would set
 * it up: each returns a value, so no row of the report measures an empty call (a benchmark for one
 * group takes a state of that group rather than a group parameter it answers null to).
 */
class PrimitivesBenchTest {

  @Test
  void everyBenchmarkComputesSomethingForEveryParameterValue() throws Exception {
    PrimitivesBench bench = new PrimitivesBench();
    List<Method> benchmarks =
        Arrays.stream(PrimitivesBench.class.getMethods())
            .filter(m -> m.isAnnotationPresent(Benchmark.class))
            .sorted(Comparator.comparing(Method::getName))
            .toList();
    assertTrue(benchmarks.size() > 20, "found the benchmarks: " + benchmarks.size());
    List<String> ran = new ArrayList<>();
    for (Method m : benchmarks) {
      assertEquals(1, m.getParameterCount(), m.getName() + " takes one state");
      Class<?> state = m.getParameterTypes()[0];
      for (String value : paramValues(state)) {
        Object s = setUp(state, value);
        Object result = m.invoke(bench, s);
        assertNotNull(result, m.getName() + " with " + state.getSimpleName() + " " + value);
        ran.add(m.getName() + "/" + value);
      }
    }
    assertTrue(ran.contains("secp256k1CombMul/-"), ran.toString());
    assertTrue(ran.contains("msm2/" + Suites.ED25519), ran.toString());
  }

  /** The values of the state's one {@code @Param} field, or "-" for a state without one. */
  private static List<String> paramValues(Class<?> state) {
    List<Field> params =
        Arrays.stream(state.getFields()).filter(f -> f.isAnnotationPresent(Param.class)).toList();
    assertTrue(params.size() <= 1, state + " has at most one parameter");
    return params.isEmpty()
        ? List.of("-")
        : List.of(params.get(0).getAnnotation(Param.class).value());
  }

  private static Object setUp(Class<?> state, String value) throws Exception {
    Object s = state.getConstructor().newInstance();
    for (Field f : state.getFields()) {
      if (f.isAnnotationPresent(Param.class)) {
        f.set(s, value);
      }
    }
    for (Method setup : state.getMethods()) {
      if (setup.isAnnotationPresent(Setup.class)) {
        setup.invoke(s);
      }
    }
    return s;
  }
}
