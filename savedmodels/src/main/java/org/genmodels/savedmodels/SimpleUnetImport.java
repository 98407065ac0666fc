package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.diffusion.UnetSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.weights.TorchStateDict;
import org.genmodels.shared.weights.WeightArray;
import org.genmodels.shared.weights.WeightFile;

/**
 * Seed 004's PyTorch {@code SimpleUnet} (its {@code model.state_dict()}) as this project's DDPM
 * ({@code diffusion/}'s {@code SimpleUnet}): widths, image channels and time-embedding size are
 * read from the shapes (any depth, any widths); the image size is not in the weights and is
 * given; T and the betas are the seed's unless given. Every key is used once:
 * <pre>
 *   time_mlp.1.{weight,bias}                    → unet/time_mlp/{kernel,bias}
 *   conv0.{weight,bias}                         → unet/conv0/…
 *   downs.i.{time_mlp,conv1,conv2,transform}.*  → unet/down{i}/…
 *   ups.i.{time_mlp,conv1,conv2,transform}.*    → unet/up{i}/…
 *   *.bnorm{1,2}.{weight,bias,running_mean,running_var}
 *                                               → …/bnorm{1,2}/{gamma,beta,moving_mean,moving_variance}
 *   *.bnorm{1,2}.num_batches_tracked            read and ignored (see below)
 *   output.{weight,bias}                        → unet/output/…
 * </pre>
 * Layouts: Linear {@code [out, in]} → {@code [in, out]}; Conv2d {@code [out, in, kh, kw]} → HWIO
 * (conv0, conv1, conv2, the down blocks' transform, output); ConvTranspose2d
 * {@code [in, out, kh, kw]} → {@code [kh, kw, out, in]} (the up blocks' transform); vectors as
 * they are. {@code num_batches_tracked} only matters to PyTorch when a BatchNorm has {@code momentum=None}
 * (a cumulative average); the seed's use the default momentum 0.1, as the Java {@code BatchNorm}
 * does (epsilon 1e-5 alike), so the counter has no effect on either and is dropped.
 *
 * <p>The seed's {@code SinusoidalPositionEmbeddings} has no weights; the Java one computes the
 * same embedding, which the parity checks ({@link TorchDdpmParity}). Stateless and thread-safe.
 */
public final class SimpleUnetImport {
  /** The seed's schedule: T = 300, betas linear from 1e-4 to 0.02. */
  public static final int SEED_TIMESTEPS = 300;
  public static final double SEED_BETA_START = 1e-4;
  public static final double SEED_BETA_END = 0.02;
  /** Problems listed in one message before the rest are counted. */
  private static final int LISTED = 12;

  /** How a state-dict tensor becomes a Java variable. */
  enum Kind {
    LINEAR("Linear weight [out, in]", TensorLayout.MATRIX),
    CONV("Conv2d weight [out, in, kh, kw]", TensorLayout.TORCH_CONV),
    CONV_TRANSPOSE("ConvTranspose2d weight [in, out, kh, kw]", TensorLayout.TORCH_CONV),
    VECTOR("vector", null),
    /** BatchNorm's {@code num_batches_tracked}: read and ignored. */
    COUNTER("BatchNorm num_batches_tracked, ignored", null);

    final String description;
    /** The permutation to the Java layout, or null when the layouts are the same. */
    final int[] toJava;

    Kind(String description, int[] toJava) {
      this.description = description;
      this.toJava = toJava;
    }
  }

  /**
   * One state-dict key of the network and the Java variable it becomes.
   *
   * @param torchKey   the key, e.g. {@code downs.0.conv1.weight}
   * @param torchShape its shape in PyTorch's layout
   * @param javaName   the Java variable, e.g. {@code unet/down0/conv1/kernel}; null for a
   *                   {@link Kind#COUNTER}
   * @param kind       the layout conversion
   */
  record Entry(String torchKey, int[] torchShape, String javaName, Kind kind) {
    /** {@code values} (PyTorch's layout) in the Java variable's layout. */
    float[] toJava(float[] values) {
      return kind.toJava == null ? values.clone() : TensorLayout.permute(values, torchShape, kind.toJava);
    }

    /** {@code values} in the Java variable's layout back in PyTorch's. */
    float[] toTorch(float[] values) {
      if (kind.toJava == null) {
        return values.clone();
      }
      int[] javaShape = TensorLayout.permuted(torchShape, kind.toJava);
      return TensorLayout.permute(values, javaShape, TensorLayout.inverse(kind.toJava));
    }
  }

  private SimpleUnetImport() {
  }

  /** The state dict in {@code file} (a {@code torch.save} zip), at the seed's schedule. */
  public static ImportedModel read(Path file, int imageSize) {
    return from(TorchStateDict.read(file), file.toString(), imageSize, SEED_TIMESTEPS, SEED_BETA_START,
        SEED_BETA_END);
  }

  /** {@code stateDict} at the seed's schedule. */
  public static ImportedModel from(WeightFile stateDict, int imageSize) {
    return from(stateDict, "the given " + stateDict.format(), imageSize, SEED_TIMESTEPS, SEED_BETA_START,
        SEED_BETA_END);
  }

  /**
   * The DDPM whose network {@code stateDict} holds, for images of {@code imageSize} × imageSize,
   * with T = {@code timesteps} linear betas from {@code betaStart} to {@code betaEnd}.
   *
   * @param source the file, for messages
   * @throws UserException naming every missing key, unexpected key and wrong shape (with the
   *                       expected one), or an image size the depth cannot halve
   */
  public static ImportedModel from(WeightFile stateDict, String source, int imageSize, int timesteps,
      double betaStart, double betaEnd) {
    UnetSettings unet = settingsOf(stateDict, source, imageSize);
    DiffusionSettings settings;
    try {
      settings = DiffusionSettings.builder().unet(unet).timesteps(timesteps).betaStart(betaStart)
          .betaEnd(betaEnd).build();
    } catch (IllegalArgumentException e) {
      throw new UserException("cannot import " + source + " as a DDPM: " + e.getMessage());
    }
    List<Entry> entries = entries(unet);
    requireExactly(stateDict, entries, source, unet);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (e.kind() != Kind.COUNTER) {
        values.put(e.javaName(), e.toJava(stateDict.get(e.torchKey()).orElseThrow().floats()));
      }
    }
    return new ImportedModel(settings.config(), values, source);
  }

  /**
   * The network's shape read from the state dict: {@code conv0.weight} {@code [w0, C, 3, 3]},
   * {@code time_mlp.1.weight} {@code [d, d]} and {@code downs.i.conv1.weight}
   * {@code [w_{i+1}, w_i, 3, 3]} for i = 0, 1, … as long as they go.
   */
  static UnetSettings settingsOf(WeightFile stateDict, String source, int imageSize) {
    int[] conv0 = shape(stateDict, "conv0.weight", 4, source);
    int[] time = shape(stateDict, "time_mlp.1.weight", 2, source);
    List<Integer> widths = new ArrayList<>(List.of(conv0[0]));
    for (int i = 0; stateDict.get("downs." + i + ".conv1.weight").isPresent(); i++) {
      widths.add(shape(stateDict, "downs." + i + ".conv1.weight", 4, source)[0]);
    }
    if (widths.size() < 2) {
      throw notTheSeeds(source, "it has no downs.0.conv1.weight (the first down block)");
    }
    try {
      return UnetSettings.builder().widths(widths).channels(conv0[1]).imageSize(imageSize).timeEmbedding(time[0])
          .build();
    } catch (IllegalArgumentException e) {
      throw new UserException("cannot import " + source + " as seed 004's SimpleUnet (widths " + widths + ", "
          + conv0[1] + " image channels, time embedding " + time[0] + "): " + e.getMessage()
          + (e.getMessage().contains("image size") ? "; give the image size it was trained at" : ""));
    }
  }

  /** Every key of the seed's SimpleUnet of shape {@code u}, in the seed's module order. */
  static List<Entry> entries(UnetSettings u) {
    List<Entry> out = new ArrayList<>();
    List<Integer> w = u.widths();
    int d = u.timeEmbedding();
    int c = u.channels();
    int n = w.size() - 1;
    layer(out, "time_mlp.1", "unet/time_mlp", Kind.LINEAR, d, d);
    layer(out, "conv0", "unet/conv0", Kind.CONV, w.get(0), c, 3, 3);
    for (int i = 0; i < n; i++) {
      block(out, "downs." + i, "unet/down" + i, w.get(i), w.get(i + 1), d, false);
    }
    for (int i = 0; i < n; i++) {
      block(out, "ups." + i, "unet/up" + i, w.get(n - i), w.get(n - i - 1), d, true);
    }
    layer(out, "output", "unet/output", Kind.CONV, c, w.get(0), 1, 1);
    return out;
  }

  /** The seed's {@code Block(in, out, d, up)}. */
  private static void block(List<Entry> out, String torch, String java, int in, int outChannels, int d,
      boolean up) {
    layer(out, torch + ".time_mlp", java + "/time_mlp", Kind.LINEAR, outChannels, d);
    layer(out, torch + ".conv1", java + "/conv1", Kind.CONV, outChannels, up ? 2 * in : in, 3, 3);
    layer(out, torch + ".transform", java + "/transform", up ? Kind.CONV_TRANSPOSE : Kind.CONV, outChannels,
        outChannels, 4, 4);
    layer(out, torch + ".conv2", java + "/conv2", Kind.CONV, outChannels, outChannels, 3, 3);
    for (String bn : List.of("bnorm1", "bnorm2")) {
      String t = torch + "." + bn + ".";
      String j = java + "/" + bn + "/";
      out.add(new Entry(t + "weight", new int[] {outChannels}, j + "gamma", Kind.VECTOR));
      out.add(new Entry(t + "bias", new int[] {outChannels}, j + "beta", Kind.VECTOR));
      out.add(new Entry(t + "running_mean", new int[] {outChannels}, j + "moving_mean", Kind.VECTOR));
      out.add(new Entry(t + "running_var", new int[] {outChannels}, j + "moving_variance", Kind.VECTOR));
      out.add(new Entry(t + "num_batches_tracked", new int[0], null, Kind.COUNTER));
    }
  }

  /** A layer's weight (of {@code kind}, PyTorch shape {@code shape}) and its bias. */
  private static void layer(List<Entry> out, String torch, String java, Kind kind, int... shape) {
    out.add(new Entry(torch + ".weight", shape, java + "/kernel", kind));
    // ConvTranspose2d's bias has its second dimension's size; the others' their first
    out.add(new Entry(torch + ".bias", new int[] {kind == Kind.CONV_TRANSPOSE ? shape[1] : shape[0]},
        java + "/bias", Kind.VECTOR));
  }

  private static void requireExactly(WeightFile stateDict, List<Entry> entries, String source, UnetSettings u) {
    List<String> problems = new ArrayList<>();
    Set<String> expected = new LinkedHashSet<>();
    for (Entry e : entries) {
      expected.add(e.torchKey());
      Optional<WeightArray> found = stateDict.get(e.torchKey());
      String want = Arrays.toString(e.torchShape()) + " (" + e.kind().description + ")";
      if (found.isEmpty()) {
        problems.add("missing " + e.torchKey() + " " + want);
      } else if (!Arrays.equals(found.get().shape(), e.torchShape())) {
        problems.add(e.torchKey() + " is " + Arrays.toString(found.get().shape()) + ", expected " + want);
      } else if (e.kind() != Kind.COUNTER && !floating(found.get().dtype())) {
        problems.add(e.torchKey() + " is " + found.get().dtype().lowerName() + ", expected floating point");
      }
    }
    for (WeightArray a : stateDict.arrays()) {
      if (!expected.contains(a.name())) {
        problems.add("unexpected key " + a.name() + " " + a.describe());
      }
    }
    if (!problems.isEmpty()) {
      List<String> listed = problems.subList(0, Math.min(LISTED, problems.size()));
      throw new UserException("the state dict in " + source + " does not fit seed 004's SimpleUnet with widths "
          + u.widths() + ", " + u.channels() + " image channels and time embedding " + u.timeEmbedding()
          + " (read from its conv0, time_mlp and downs.*.conv1 shapes): " + String.join("; ", listed)
          + (problems.size() > LISTED ? "; and " + (problems.size() - LISTED) + " more" : "")
          + ". Save the model's own state_dict() (torch.save(model.state_dict(), path)) of the seed's SimpleUnet");
    }
  }

  private static boolean floating(WeightArray.DType t) {
    return t == WeightArray.DType.FLOAT32 || t == WeightArray.DType.FLOAT64 || t == WeightArray.DType.FLOAT16;
  }

  private static int[] shape(WeightFile stateDict, String key, int rank, String source) {
    WeightArray a = stateDict.get(key).orElseThrow(() -> notTheSeeds(source, "it has no " + key));
    if (a.shape().length != rank) {
      throw notTheSeeds(source, key + " is " + a.describe() + ", expected " + rank + " dimensions");
    }
    return a.shape();
  }

  private static UserException notTheSeeds(String source, String why) {
    return new UserException("the state dict in " + source + " is not seed 004's SimpleUnet: " + why
        + " (its keys are time_mlp.1.*, conv0.*, downs.<i>.*, ups.<i>.*, output.*)");
  }
}
