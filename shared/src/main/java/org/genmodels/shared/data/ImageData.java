package org.genmodels.shared.data;

/**
 * A data set's training and test splits and where they were read from.
 *
 * @param source a human-readable description of the files that were read
 */
public record ImageData(DatasetName name, ImageSet train, ImageSet test, String source) {
}
