/**
 * {@code savedmodels side-by-side}: this project's benchmarks beside the PyTorch peer scripts of
 * {@code ../shared/bench/pytorch}, run alternately on one machine in one sitting.
 *
 * <ul>
 *   <li>{@code SideBySideCommand}: the command; {@code Pairing}: what each model runs on each side
 *       (change the work sizes there).</li>
 *   <li>{@code JavaSide} (a child JVM per benchmark) and {@code JavaBenchmarkOutput} (its timing
 *       lines read back); {@code PythonPeer} (the interpreter, the scripts, the install check) and
 *       {@code PeerOutput} (a script's {@code SUMMARY} line and BLAS); {@code ProcessRun}.</li>
 *   <li>{@code Sgemm}, {@code TensorFlowSgemm} and {@code PythonPeer#sgemm}: the machine's peak;
 *       {@code DenseFlops}: a dense model's epoch in floating-point operations.</li>
 *   <li>{@code Comparison} and {@code SideBySideTable}: the Markdown table.</li>
 * </ul>
 */
package org.genmodels.savedmodels.sidebyside;
