package org.genmodels.savedmodels;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.genmodels.shared.cli.UserException;
import org.tensorflow.TensorFlow;

/**
 * TensorFlow's native library, which an application embedding this project's models declares
 * itself ({@code tensorflow-core-native} with its platform's classifier: the poms leave the choice
 * to it). Loads the library before the first graph is built, so that a missing one is a message
 * naming the dependency to add rather than TensorFlow's {@code no jnitensorflow in
 * java.library.path}. Thread-safe.
 */
final class NativeLibrary {
  /** The Maven metadata of the TensorFlow Java API jar, which names its version. */
  private static final String API_POM = "META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties";

  private NativeLibrary() {
  }

  /**
   * Loads the native library (once per JVM; later calls cost nothing).
   *
   * @throws UserException when it cannot be loaded: what to add, and TensorFlow's reason
   */
  static void require() {
    try {
      TensorFlow.version();
    } catch (LinkageError e) {
      throw new UserException("TensorFlow's native library cannot be loaded (" + e.getMessage() + "): the"
          + " application needs the dependency org.tensorflow:tensorflow-core-native:" + apiVersion()
          + " with the classifier of its platform (linux-x86_64, linux-x86_64-gpu with CUDA 12,"
          + " linux-arm64, macosx-arm64 or windows-x86_64)", e);
    }
  }

  /** The version of the TensorFlow Java API on the classpath, or a phrase saying to match it. */
  private static String apiVersion() {
    try (InputStream in = TensorFlow.class.getClassLoader().getResourceAsStream(API_POM)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null) {
          return v;
        }
      }
    } catch (IOException e) {
      // the message only loses the version number
    }
    return "<the version of tensorflow-core-api>";
  }
}
