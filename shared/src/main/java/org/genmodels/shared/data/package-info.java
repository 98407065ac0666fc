/**
 * Data sets as bytes: finding, verifying and reading them, and cutting them into batches. Nothing
 * here touches TensorFlow; the graphs scale the bytes themselves ({@code nn.ImageInput}).
 *
 * <ul>
 *   <li>MNIST and Fashion-MNIST: {@link org.genmodels.shared.data.DatasetLoader} decides where to
 *       look ({@code --data-dir}, {@code $GENMODELS_DATA}, Keras' cache, a download by
 *       {@code Downloader}); {@code DatasetName} holds the file names and SHA-256s,
 *       {@code DatasetChecks} checks them; {@code Idx}, {@code KerasNpz} and {@code Npy} read the
 *       formats.</li>
 *   <li>A folder of PNG/JPEG images (the DDPM's StanfordCars): {@code ImageFolder}, decoded by
 *       {@code RgbImage}, resized as PIL does by {@code BilinearResize}.</li>
 *   <li>What every loader returns: {@code ImageSet} (bytes, labels, shape) inside
 *       {@code ImageData} (train and test splits).</li>
 *   <li>Batch order and shuffling, reproducible across resumes: {@code Batcher}; the DDPM's
 *       random flip: {@code HorizontalFlip}; [0, 1] or [-1, 1] pixels: {@code PixelRange}.</li>
 *   <li>Errors the user can act on: {@code DatasetException}.</li>
 * </ul>
 */
package org.genmodels.shared.data;
