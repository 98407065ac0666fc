package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history.csv: one row per epoch, started anew by a fresh run, continued by a resumed one. */
class HistoryCsvTest {
  @TempDir
  Path tmp;

  private static EpochResult epoch(int n, double loss) {
    return new EpochResult(n, 5, new MetricValues(List.of("loss", "kl"), new double[] {loss, 0.25}),
        new MetricValues(List.of("loss", "kl", "nelbo"), new double[] {loss + 1, 0.5, 300.125}), 1.5, 0.25);
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(tmp.resolve(HistoryCsv.FILE));
  }

  @Test
  void writesAHeaderAndARowPerEpoch() throws IOException {
    HistoryCsv csv = HistoryCsv.in(tmp);
    csv.onTrainStart(1, 5, 10);
    csv.onEpochEnd(epoch(1, 2.0));
    csv.onEpochEnd(epoch(2, 0.1));
    assertEquals(List.of("epoch,train_loss,train_kl,test_loss,test_kl,test_nelbo,train_seconds,eval_seconds",
        "1,2.0,0.25,3.0,0.5,300.125,1.500,0.250", "2,0.1,0.25,1.1,0.5,300.125,1.500,0.250"), lines());
  }

  @Test
  void aFreshRunStartsAnewAndAResumedRunContinues() throws IOException {
    Files.writeString(tmp.resolve(HistoryCsv.FILE), "old\n");
    HistoryCsv first = HistoryCsv.in(tmp);
    first.onEpochEnd(epoch(1, 2.0));
    first.onEpochEnd(epoch(2, 1.0));
    first.onEpochEnd(epoch(3, 0.5));
    assertEquals(4, lines().size());
    // the run stopped during epoch 3 after the row was written; its checkpoint was mid-epoch 3
    HistoryCsv resumed = HistoryCsv.in(tmp);
    resumed.onResume(ResumePoint.at(25, 10, 5));
    resumed.onEpochEnd(epoch(3, 0.4));
    resumed.onEpochEnd(epoch(4, 0.3));
    List<String> rows = lines();
    assertEquals(5, rows.size(), rows.toString());
    assertTrue(rows.get(3).startsWith("3,0.4,"), rows.toString());
    assertTrue(rows.get(4).startsWith("4,0.3,"), rows.toString());
  }

  @Test
  void otherColumnsAreRefusedRatherThanMixed() throws IOException {
    Files.writeString(tmp.resolve(HistoryCsv.FILE), "epoch,train_loss,test_loss,train_seconds,eval_seconds\n"
        + "1,0.5,0.6,1.000,0.100\n");
    HistoryCsv csv = HistoryCsv.in(tmp);
    csv.onResume(ResumePoint.at(10, 10, 5));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> csv.onEpochEnd(epoch(2, 0.4)));
    assertTrue(e.getMessage().contains("has columns epoch,train_loss,test_loss"), e.getMessage());
    assertEquals(2, lines().size(), "the file is left as it was");
  }
}
