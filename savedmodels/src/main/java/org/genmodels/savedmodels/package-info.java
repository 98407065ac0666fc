/**
 * SavedModels and other frameworks' weights: the embedding API, export, import, the
 * {@code genmodels savedmodels} commands and the parity checks against Python.
 *
 * <ul>
 *   <li>Embedding API (needs none of the CLI libraries): {@code EmbeddedAutoencoder},
 *       {@code EmbeddedVae}, {@code EmbeddedCvae}, {@code EmbeddedSampler}, on {@code ModelHandle}
 *       and {@link org.genmodels.savedmodels.ServingSession} (signature checks), {@code Rows}
 *       (plain rows in and out) and {@code NativeLibrary} (the application's TF natives).</li>
 *   <li>Export: {@code ModelExport} writes a model's serving graph (its plug-in's
 *       {@code ServingModel}, e.g. {@code VaeServing} in {@code vae/}) with its weights.</li>
 *   <li>A SavedModel read without loading it: {@code SavedModelInfo}, {@code SignatureSpec},
 *       {@code TensorSpec}.</li>
 *   <li>Import: {@code ImportedModel}, made by {@code KerasSeedImport}, {@code Seed004VaeImport},
 *       {@code Seed002CvaeImport} or {@code SimpleUnetImport}; layouts in {@code TensorLayout},
 *       {@code TorchLayouts}; arrays checked off by {@code TakenWeights}.</li>
 *   <li>Parity: {@code ParityCommand} (the seeds' Keras models) and {@code FrameworkParity} (one
 *       {@code *Parity} class per PyTorch, Paddle or Keras fixture), reporting {@code ParityLine}s.</li>
 *   <li>The command: {@code SavedModelsMain} and its {@code *Command}s.</li>
 * </ul>
 */
package org.genmodels.savedmodels;
