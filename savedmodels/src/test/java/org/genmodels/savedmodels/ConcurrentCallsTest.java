package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.genmodels.cvae.Cvae;
import org.genmodels.vae.Vae;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads calling one model at once get exactly what one thread gets, and closing the model
 * while they call ends their calls cleanly.
 */
class ConcurrentCallsTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 6;

  @TempDir
  Path tmp;

  @Test
  void eightThreadsGetWhatOneThreadGets() throws Exception {
    try (Vae vae = Trained.vae(); Cvae cvae = Trained.cvae(true)) {
      ModelExport.export(vae, tmp.resolve("vae"));
      ModelExport.export(cvae, tmp.resolve("cvae"));
    }
    try (EmbeddedVae vae = EmbeddedVae.load(tmp.resolve("vae")); EmbeddedCvae cvae = EmbeddedCvae.load(tmp.resolve("cvae"))) {
      List<Supplier<float[][]>> tasks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int n = 5 + 7 * i;
        long seed = 100 + i;
        float[][] images = Trained.unitImages(n);
        float[][] symmetric = Trained.symmetricImages(n);
        int[] labels = Trained.labels(n);
        tasks.add(() -> vae.sample(n, seed));
        tasks.add(() -> vae.encode(images).mean());
        tasks.add(() -> vae.reconstruct(images));
        tasks.add(() -> vae.decode(vae.encode(images).logVar()));
        tasks.add(() -> cvae.generate((int) (seed % 10), n, seed));
        tasks.add(() -> cvae.reconstruct(symmetric, labels));
      }
      List<float[][]> single = tasks.stream().map(Supplier::get).toList();

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<float[][]>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int offset = t;
          futures.add(pool.submit(() -> {
            start.await();
            List<float[][]> out = new ArrayList<>(java.util.Collections.nCopies(tasks.size(), (float[][]) null));
            for (int round = 0; round < ROUNDS; round++) {
              for (int k = 0; k < tasks.size(); k++) {
                int task = (k + offset * 5 + round) % tasks.size();
                float[][] r = tasks.get(task).get();
                if (out.get(task) != null) {
                  assertArrayEquals(Trained.flat(out.get(task)), Trained.flat(r), 0f);
                }
                out.set(task, r);
              }
            }
            return out;
          }));
        }
        start.countDown();
        for (Future<List<float[][]>> f : futures) {
          List<float[][]> got = f.get(5, TimeUnit.MINUTES);
          for (int k = 0; k < tasks.size(); k++) {
            assertArrayEquals(Trained.flat(single.get(k)), Trained.flat(got.get(k)), 0f, "task " + k);
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void closingWhileThreadsCallEndsTheirCallsCleanly() throws Exception {
    try (Vae vae = Trained.vae()) {
      ModelExport.export(vae, tmp.resolve("vae"));
    }
    EmbeddedVae vae = EmbeddedVae.load(tmp.resolve("vae"));
    float[][] expected = vae.sample(64, 5L);
    AtomicInteger calls = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          while (true) {
            try {
              float[][] r = vae.sample(64, 5L);
              assertArrayEquals(Trained.flat(expected), Trained.flat(r), 0f);
              calls.incrementAndGet();
            } catch (IllegalStateException e) {
              return e.getMessage();
            }
          }
        }));
      }
      while (calls.get() < 4 * THREADS) {
        Thread.sleep(5);
      }
      vae.close();
      for (Future<String> f : futures) {
        String message = f.get(1, TimeUnit.MINUTES);
        assertTrue(message.contains("is closed"), message);
      }
      assertEquals(0, pool.shutdownNow().size());
    } finally {
      pool.shutdownNow();
    }
  }
}
