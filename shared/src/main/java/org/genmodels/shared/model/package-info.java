/**
 * What makes a model a model of this project, for the tools that handle every model (the
 * launcher, export and import, the embedding API, the benchmark), and the training run they share.
 *
 * <ul>
 *   <li>{@link org.genmodels.shared.model.ModelPlugin}: the one interface each model module
 *       implements (name, marker variable, its command, its serving graph, its benchmark). A new
 *       model implements it and names the class in its
 *       {@code META-INF/services/org.genmodels.shared.model.ModelPlugin}.</li>
 *   <li>{@link org.genmodels.shared.model.ModelPlugins}: finds them through
 *       {@link java.util.ServiceLoader}, and tells a checkpoint's model; nothing else keeps a list
 *       of models.</li>
 *   <li>{@link org.genmodels.shared.model.ModelMain}: the one main of the models
 *       ({@code ModelMain MODEL [options]}, what the launcher and {@code mvn exec:exec} run): it
 *       finds the plug-in by name and runs its command.</li>
 *   <li>Training: {@code TrainingCommand} (a model's command: options, settings), {@code TrainingRun}
 *       (resume, stored settings, settings log, listeners, train) and {@code ModelRun} (the model's
 *       part: figures, final lines, scores); a run returns a {@code TrainingReport}.
 *       {@code TrainingSettings}: what every settings record gives the run.</li>
 *   <li>Serving: {@code ServingModel} (an export's graph; each model's {@code *Serving} lives in its
 *       module), {@code Signatures} (the names every export uses), {@code CheckpointHints} (what an
 *       old checkpoint's shapes cannot tell).</li>
 *   <li>Speed: {@code BenchmarkCommand}, the {@code benchmark} subcommand of every model, timing
 *       what the model's {@code Benchmarkable} gives.</li>
 * </ul>
 */
package org.genmodels.shared.model;
