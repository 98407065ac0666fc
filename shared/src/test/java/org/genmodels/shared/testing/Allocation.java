package org.genmodels.shared.testing;

import java.lang.management.ManagementFactory;

/**
 * How many bytes of heap the current thread allocates while running some code (HotSpot's
 * per-thread counter), for tests that a size read from a file does not decide an allocation.
 */
public final class Allocation {
  private Allocation() {
  }

  /** Bytes the current thread allocated while {@code code} ran, whether it returned or threw. */
  public static long bytesDuring(Runnable code) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    try {
      code.run();
    } catch (RuntimeException expected) {
      // the caller checks the outcome separately
    }
    return threads.getThreadAllocatedBytes(id) - before;
  }
}
