package org.genmodels.savedmodels.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.Precision;
import org.genmodels.vae.VaeSettings;

/**
 * One model's side-by-side pair: the arguments of its Java {@code benchmark} and of the matching
 * PyTorch peer script, at the same work sizes, and which number of each output makes a row.
 * The sizes are those the README's speed table was measured with (and {@code side_by_side.sh}):
 * the dense models time 3 epochs (Java after one warm-up epoch), the CVAE one epoch of MNIST
 * (Java after one warm-up epoch), the DDPM the median step at batch 128 (Java 20 after 5 warm-up,
 * the peer 25) and one run sampling 64 images through the 300 steps. Immutable.
 *
 * @param model the plug-in's name
 * @param javaArgs the model command's arguments, {@code benchmark} among them
 * @param peerScript the script in the peer folder
 * @param peerArgs its arguments but {@code --threads}
 * @param rows what each row compares
 * @param multiplyAdds a dense model's forward multiply-adds per example ({@link DenseFlops}); empty otherwise
 */
public record Pairing(String model, List<String> javaArgs, String peerScript, List<String> peerArgs, List<Row> rows,
                      OptionalLong multiplyAdds) {
  /**
   * One compared time.
   *
   * @param what the row's text, e.g. {@code s per epoch}
   * @param javaTiming the name of the Java benchmark's line ({@code train}, {@code sample})
   * @param peerKey the SUMMARY number ({@code median_epoch_train_time_s}, …)
   * @param perEpoch whether it is a whole training epoch (then a dense model gets its arithmetic limit)
   */
  public record Row(String what, String javaTiming, String peerKey, boolean perEpoch) {
  }

  /** The models with a peer, in the order they run. */
  public static final List<String> MODELS = List.of("ae", "vae", "cvae", "diffusion");

  private static final String EPOCH_MEDIAN = "median_epoch_train_time_s";

  public Pairing {
    javaArgs = List.copyOf(javaArgs);
    peerArgs = List.copyOf(peerArgs);
    rows = List.copyOf(rows);
  }

  /**
   * This pair with its Java benchmark multiplying in {@code p}: for {@link Precision#BF16},
   * {@code --precision bf16} first among the model command's options (which go before
   * {@code benchmark}); for {@link Precision#FP32}, the commands' default, this pair itself. The peer
   * stays float32 either way.
   */
  public Pairing in(Precision p) {
    if (p == Precision.FP32) {
      return this;
    }
    List<String> args = new ArrayList<>(List.of("--precision", p.cliName()));
    args.addAll(javaArgs);
    return new Pairing(model, args, peerScript, peerArgs, rows, multiplyAdds);
  }

  /**
   * The pair of {@code model}.
   *
   * @throws UserException naming the models that have a peer, for any other
   */
  public static Pairing of(String model) {
    Map<String, Pairing> all = Map.of(
        "ae", new Pairing("ae", List.of("benchmark", "--epochs", "3", "--passes", "1"), "ae.py",
            List.of("--epochs", "3"), List.of(new Row("s per epoch", "train", EPOCH_MEDIAN, true)),
            OptionalLong.of(DenseFlops.autoencoderMultiplyAdds(AutoencoderSettings.defaults()))),
        "vae", new Pairing("vae", List.of("benchmark", "--epochs", "3"), "vae.py", List.of("--epochs", "3"),
            List.of(new Row("s per epoch", "train", EPOCH_MEDIAN, true)),
            OptionalLong.of(DenseFlops.vaeMultiplyAdds(VaeSettings.defaults()))),
        "cvae", new Pairing("cvae", List.of("--dataset", "mnist", "benchmark", "--epochs", "1"), "cvae.py",
            List.of("--epochs", "1", "--data", "mnist"),
            List.of(new Row("s per epoch (MNIST)", "train", EPOCH_MEDIAN, true)), OptionalLong.empty()),
        "diffusion", new Pairing("diffusion", List.of("benchmark", "--steps", "20", "--warmup", "5", "--sample-runs",
            "1"), "ddpm.py", List.of("--steps", "25", "--test-n", "100", "--sample-n", "64"),
            List.of(new Row("s per step, batch 128", "train", "sec_per_step_median", false),
                new Row("s to sample 64 images × 300 steps", "sample", "sampling_time_s", false)),
            OptionalLong.empty()));
    Pairing p = all.get(model);
    if (p == null) {
      throw new UserException("no PyTorch peer for the model '" + model + "': --models takes "
          + String.join(", ", MODELS));
    }
    return p;
  }
}
