/**
 * Writing files and directories safely. Every file or directory the project writes goes through
 * {@link org.genmodels.shared.io.AtomicFiles}: a temporary sibling renamed onto the target, so a
 * crash leaves the old version or the new one, never half of one.
 *
 * <ul>
 *   <li>Which existing directories may be replaced (a checkpoint, an export, a cache, never the
 *       user's data): {@code DirectoryKind}; a new kind of output directory adds a constant
 *       there.</li>
 *   <li>A command must not replace what it reads: {@code DistinctPaths}.</li>
 * </ul>
 */
package org.genmodels.shared.io;
