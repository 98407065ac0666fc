/**
 * The command line every model's tool shares: how a command runs, its common options, and what
 * it prints.
 *
 * <ul>
 *   <li>Running a picocli command, {@code --help}, the converters and the one-line
 *       {@code error: ...} with exit code 2: {@link org.genmodels.shared.cli.Cli}.</li>
 *   <li>A failure the user can fix, whatever the caller (commands, data, the embedding API):
 *       {@link org.genmodels.shared.cli.UserException}.</li>
 *   <li>Options shared by the models' commands: {@code DataOptions} (data location),
 *       {@code ProgressOptions}, {@code CheckpointOptions} (interval, resume; builds the
 *       {@code CheckpointSaver}); which options the user typed: {@code GivenOptions}.</li>
 *   <li>Terminal output: {@code Console} (permanent lines under one status line),
 *       {@code Progress} (a progressbar-library bar on it), {@code SettingsLog} (a settings record
 *       as one line), {@code OutputDirectory}, {@code Version} ({@code --version}).</li>
 * </ul>
 *
 * <p>picocli and progressbar are optional dependencies of every module: an embedding application
 * does not have them, so only the command classes here may use them, never code the embedding API
 * reaches.
 */
package org.genmodels.shared.cli;
