/**
 * Readers of other frameworks' weight files, in pure Java and without executing anything in them:
 * the input of {@code savedmodels import} and of the parity checks.
 *
 * <ul>
 *   <li>Entry point: {@link org.genmodels.shared.weights.WeightFiles} tells the format from the
 *       first bytes ({@code FileKind}, {@code Formats} for messages) and returns a
 *       {@code WeightFile} of {@code WeightArray}s, each in its framework's own layout (the
 *       importers convert).</li>
 *   <li>Keras HDF5 and {@code .keras}: {@code KerasH5} on jhdf, with {@code Keras2Layout},
 *       {@code Keras3Layout}, {@code KerasArchive}; {@code Hdf5Tree}, {@code Hdf5Arrays},
 *       {@code Hdf5Attributes} for the HDF5 parts; {@code KerasConfig} and {@code Json} for the
 *       model configuration.</li>
 *   <li>PyTorch and Paddle pickles: {@code TorchStateDict}, {@code PaddleStateDict}, on
 *       {@code RestrictedUnpickler} (Pyrolite locked down), which admits only the globals of
 *       {@code TorchPickle} and {@code NumpyPickle}; strided tensors: {@code StridedView}.</li>
 *   <li>A file that cannot be read: {@code WeightFileException}. A new format adds a reader and
 *       its case in {@code WeightFiles}.</li>
 * </ul>
 */
package org.genmodels.shared.weights;
