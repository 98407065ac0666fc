package org.genmodels.savedmodels.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a peer script's output: the lines ae.py and ddpm.py print, as common.py formats them. */
class PeerOutputTest {
  private static final String AE = String.join("\n",
      "ae: params=222384 data=fashion (/x/datasets/fashion-mnist) load=0.31s threads=2 torch=1.13.0a0 blas="
          + "['/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3', "
          + "'/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblasp-r0.3.21.so']",
      "epoch 1/3 train_time=1.020s steps=118 train_loss=0.351 test_loss=0.310 eval_time=0.050s",
      "SUMMARY {\"model\": \"ae\", \"data\": \"fashion\", \"params\": 222384, \"peak_rss_mb_self\": 512.5,"
          + " \"median_epoch_train_time_s\": 0.9705, \"final_test_loss\": 0.3102}",
      "");

  @Test
  void readsTheSummaryNumbersAndTheBlas() {
    PeerOutput out = PeerOutput.parse(AE);
    assertEquals(0.9705, out.number("median_epoch_train_time_s"), 0.0);
    assertEquals(222384, out.number("params"), 0.0);
    assertTrue(out.expectedBlas());
    assertTrue(out.blas().orElseThrow().contains("libopenblasp-r0.3.21.so"));
  }

  @Test
  void nullValuesAndAnotherBlasAreToldApart() {
    PeerOutput out = PeerOutput.parse("ddpm: params=1 blas=['/usr/lib/x86_64-linux-gnu/blas/libblas.so.3']\n"
        + "SUMMARY {\"sec_per_step_median\": 0.63, \"sampling_time_s\": null}\n");
    assertEquals(0.63, out.number("sec_per_step_median"), 0.0);
    assertFalse(out.expectedBlas());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> out.number("sampling_time_s"));
    assertTrue(e.getMessage().contains("no number 'sampling_time_s'") && e.getMessage().contains("sec_per_step_median"),
        e.getMessage());
    assertEquals(Optional.empty(), PeerOutput.parse("SUMMARY {}").blas());
    assertFalse(PeerOutput.parse("SUMMARY {}").expectedBlas());
  }

  @Test
  void withoutASummaryObjectItIsAnError() {
    assertTrue(assertThrows(IllegalStateException.class, () -> PeerOutput.parse("Traceback (most recent call last):"))
        .getMessage().contains("no 'SUMMARY {json}' line"));
    assertTrue(assertThrows(IllegalStateException.class, () -> PeerOutput.parse("SUMMARY {\"a\": "))
        .getMessage().contains("not JSON"));
    assertTrue(assertThrows(IllegalStateException.class, () -> PeerOutput.parse("SUMMARY [1, 2]"))
        .getMessage().contains("not a JSON object"));
  }
}
