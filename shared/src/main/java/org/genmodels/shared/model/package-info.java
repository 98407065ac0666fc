/**
 * What makes a model a model of this project, for the tools that handle every model (the
 * launcher, export and import, the embedding API, the benchmark).
 *
 * <ul>
 *   <li>{@link org.genmodels.shared.model.ModelPlugin}: the one interface each model module
 *       implements (name, marker variable, its command). A new model implements it and names the
 *       class in its {@code META-INF/services/org.genmodels.shared.model.ModelPlugin}.</li>
 *   <li>{@link org.genmodels.shared.model.ModelPlugins}: finds them through
 *       {@link java.util.ServiceLoader}; nothing else keeps a list of models.</li>
 * </ul>
 *
 * <p>A model's serving graph ({@code ServingModel} and its implementations such as
 * {@code VaeServing}) is what an export holds and what the embedding API runs.
 */
package org.genmodels.shared.model;
