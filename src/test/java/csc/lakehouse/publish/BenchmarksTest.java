package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Extracts of the DfE files (2023-2025; England, London, B&D and its 2021 statistical neighbours). */
class BenchmarksTest {
  static Path dir() throws Exception {
    return Path.of(BenchmarksTest.class.getResource("/benchmarks").toURI());
  }

  @Test
  void mapsDfeFilesToMeasures() throws Exception {
    Benchmarks b = Benchmarks.load(dir(), "E09000002");
    assertEquals("Barking and Dagenham", b.laName());
    // England CIN 2025: 402,400 / 12,183,016 x 10,000 = 330.3 (LAIT CIN 2025 = 330.3)
    assertEquals(330.3, b.get("cin_31mar_rate", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
    // c1 England 2025 rereferral_percent 22.6
    assertEquals(22.6, b.get("rereferrals_12m", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
    // d3 England 2025 CPP_subsequent_percent 24.5; d5 2_years_or_more_percent 2.3
    assertEquals(24.5, b.get("cpp_repeat", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
    assertEquals(2.3, b.get("cpp_duration", "24m+", "202425", Benchmarks.ENGLAND).value(), 1e-9);
    // CLA rate 2025: England 67, London 48
    assertEquals(67.0, b.get("cla_31mar_rate", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
    assertEquals(48.0, b.get("cla_31mar_rate", "Total", "202425", Benchmarks.LONDON).value(), 1e-9);
    assertTrue(b.get("cla_31mar_rate", "Total", "202425", Benchmarks.ENGLAND).source()
        .contains("cla_number_and_rate_per_10k_children.csv (2025)"));
  }

  @Test
  void statisticalNeighboursAreTheMeanOfPublishedValues() throws Exception {
    Benchmarks b = Benchmarks.load(dir(), "301");
    Benchmarks.Benchmark sn = b.get("rereferrals_12m", "Total", "202425", Benchmarks.SN);
    assertNotNull(sn);
    assertTrue(sn.source().contains("of 10 statistical neighbours"), sn.source());
    // B&D itself is not one of its own neighbours
    assertTrue(sn.value() > 5 && sn.value() < 40);
  }

  @Test
  void suppressionMarkersAreMissing() {
    assertNull(Benchmarks.number("c"));
    assertNull(Benchmarks.number("x"));
    assertNull(Benchmarks.number("low"));
    assertNull(Benchmarks.number("z"));
    assertEquals(12.5, Benchmarks.number("12.5"));
    assertEquals("202425", Benchmarks.trendsPeriod("2025"));
  }

  @Test
  void missingFolderGivesNoBenchmarks() {
    assertTrue(Benchmarks.load(Path.of("/nonexistent"), "301").rows().isEmpty());
  }
}
