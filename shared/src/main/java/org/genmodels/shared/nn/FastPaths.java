package org.genmodels.shared.nn;

/**
 * Whether a network computes its layers one by one, as the seed script writes them ({@link #OFF},
 * the plain network), or with rewrites that are the same math at less work ({@link #ON}, the
 * default everywhere: training, sampling, exports). A network built with one setting can be viewed
 * with the other ({@code SimpleUnet.with}, {@code CvaeNetwork.with}, {@link Conv2D#with},
 * {@link Conv2DTranspose#with}): the same variables, the same values and gradients up to float
 * rounding, never the same bits, since each rewrite sums the same products in another order.
 *
 * <p>The rewrites, and why each is the same math:
 * <ul>
 *   <li>{@link ConvComposition#apply} (the DDPM's {@code conv0} and its first block's
 *       {@code conv1}): a linear conv followed by a conv is one conv whose kernel is the two
 *       kernels convolved, with the first bias carried through the second kernel (convolution is
 *       associative and linear). The second conv's zero padding cuts the first's output off at
 *       the border, so the border strips are computed as the two convs.</li>
 *   <li>{@link ConvComposition#transposedThenPointwise} (the DDPM's output conv folded into the
 *       last transposed conv): a 1 × 1 conv after a linear transposed conv multiplies every tap
 *       of the transposed kernel, and its bias, by the same matrix; linear maps compose.</li>
 *   <li>The DDPM's first up block reads the bottom of the U concatenated with itself: a conv of
 *       {@code concat(h, h)} is the conv of {@code h} with the kernel's two halves (along the
 *       input channels) summed, since a conv is a sum over input channels
 *       ({@code UnetBlock.applyToSelfConcat}).</li>
 *   <li>{@link Conv2D} with a single output channel (the CVAE's {@code conv_out}, 32 → 1): one
 *       MatMul of every pixel with the k·k taps' weights, then a fixed 0/1 conv that adds each
 *       tap at its offset; the conv's double sum over channels and taps, split in two.</li>
 *   <li>{@link Conv2DTranspose} to a single output channel with a kernel size a multiple of the
 *       stride (the DDPM's folded output layer, 32 → 1, k 4, stride 2): one MatMul of every
 *       pixel with the k·k taps' weights, then each tap added at its offset, as shifted copies
 *       summed on a grid of stride × stride cells that depth-to-space lays out; the same sums of
 *       the same products.</li>
 *   <li>The DDPM block's two batch norms in inference ({@code UnetBlock.afterConv1}): each is, per
 *       channel, {@code a·relu(c) + shift} of the conv before it, so {@code |a|} goes into that
 *       conv's kernel and bias (a ReLU commutes with a scale ≥ 0) and the sign of {@code a} into
 *       the next conv's input channels; the first one's shift goes into the time term's add,
 *       which then stands for both, the second's into a bias add before the transform. At a
 *       gamma of exactly 0 the gradient with respect to it is one-sided (0): the values agree.</li>
 *   <li>{@link LabelChannelConv} (the CVAE's encoder input): the label's channel is linear in the
 *       one-hot, so its share of the conv is a per-class conv of the label map's rows picked by
 *       a MatMul, without building the channel.</li>
 * </ul>
 * Not rewrites, and in both forms: {@link Fanout}'s copies (they keep seeded training
 * reproducible, see {@code Adam}) and the explicit zero padding of the convs (TF's own explicit
 * padding has no working gradient).
 */
public enum FastPaths {
  /** The plain network: every layer as the seed writes it. */
  OFF,
  /** The default: the rewrites above, the same math at less work. */
  ON
}
