package org.genmodels.shared.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code -V/--version} prints for every command: this project's version and the TensorFlow
 * Java version it is built on, both written into {@code version.properties} by the build. Does not
 * load TensorFlow's native library, so it answers at once.
 */
public final class Version implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  /** This project's version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String project() {
    return properties().getProperty("version");
  }

  @Override
  public String[] getVersion() {
    Properties p = properties();
    return new String[] {"genmodels " + p.getProperty("version") + " (TensorFlow Java "
        + p.getProperty("tensorflow") + ", Java " + Runtime.version() + ")"};
  }

  private static Properties properties() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath: rebuild with Maven");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
