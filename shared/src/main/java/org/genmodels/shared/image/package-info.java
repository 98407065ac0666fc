/**
 * The pictures the models write: PNG grids of images and XChart plots.
 *
 * <ul>
 *   <li>A grid of small images as one PNG (the seeds' {@code save_images}):
 *       {@link org.genmodels.shared.image.ImageGrid}; the points of a 2-d latent manifold figure:
 *       {@code LatentGrid}.</li>
 *   <li>Learning curves and latent scatters: {@code Plots}, the only class that uses XChart (an
 *       optional dependency, absent from embedding applications).</li>
 *   <li>The per-epoch file names ({@code rec_epoch_3.png}): {@code FigureFiles}.</li>
 * </ul>
 *
 * <p>Which pictures a model draws is decided in its own module ({@code VaeFigures},
 * {@code CvaeFigures}, {@code DiffusionFigures}); this package only renders them.
 */
package org.genmodels.shared.image;
