/**
 * SavedModels and other frameworks' weights: the embedding API, export, import, the
 * {@code genmodels savedmodels} commands and the parity checks against Python.
 *
 * <ul>
 *   <li>Embedding API (what an application uses; it needs none of the CLI libraries):
 *       {@link org.genmodels.savedmodels.EmbeddedAutoencoder}, {@code EmbeddedVae},
 *       {@code EmbeddedCvae}, {@code EmbeddedSampler}, each {@code load(dir)} of an export or
 *       {@code fromCheckpoint}; what they share: {@code ModelHandle}; the session and signature
 *       checks under them: {@link org.genmodels.savedmodels.ServingSession}; plain rows in and out:
 *       {@code Rows}.</li>
 *   <li>Export: {@code ModelExport} writes a model's serving graph ({@code ServingModel}, e.g.
 *       {@code VaeServing}) with the trained weights; the signature and tensor names all exports
 *       share: {@code Signatures}; settings a checkpoint without {@code run.properties} lacks:
 *       {@code CheckpointHints}.</li>
 *   <li>Reading a SavedModel without loading it: {@code SavedModelInfo}, {@code SignatureSpec},
 *       {@code TensorSpec}; numpy files as tensors: {@code NpyTensors}.</li>
 *   <li>Import into this project's models: {@code ImportedModel} (config and variables);
 *       Keras: {@code KerasSeedImport}, {@code KerasSeedModels}, {@code KerasWeights},
 *       {@code KerasLayer}; PyTorch and Paddle: {@code Seed004VaeImport},
 *       {@code Seed002CvaeImport}, {@code SimpleUnetImport}; on {@code TakenWeights},
 *       {@code TensorLayout}, {@code TorchLayouts} (layouts) and {@code WeightAssignment}.</li>
 *   <li>Parity with other frameworks' numbers: {@code ParityCommand} (the seeds' Keras models),
 *       {@code FrameworkParity} choosing {@code Seed004VaeParity}, {@code Seed002CvaeParity},
 *       {@code TorchDdpmParity} ({@code DdpmGolden}, {@code DdpmProbe}) or {@code PacktParity}
 *       ({@code PacktConvVae}); {@code GoldenArrays}, {@code ParityLine}.</li>
 *   <li>The command: {@code SavedModelsMain} with {@code InspectCommand}, {@code RunCommand},
 *       {@code ExportCommand}, {@code ImportCommand}, {@code ParityCommand},
 *       {@code BenchmarkCommand}.</li>
 * </ul>
 */
package org.genmodels.savedmodels;
