package org.genmodels.savedmodels;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.genmodels.shared.cli.UserException;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/**
 * What a SavedModel directory holds, read from its {@code saved_model.pb} without loading it:
 * one entry per meta graph (TF1 SavedModels may hold several; TF2 ones hold one), each with its
 * tags and signatures. Immutable.
 *
 * @param dir        the SavedModel directory
 * @param metaGraphs its meta graphs, in file order
 */
public record SavedModelInfo(Path dir, List<MetaGraph> metaGraphs) {
  /** The file every SavedModel has. */
  public static final String FILE = "saved_model.pb";

  /**
   * One meta graph.
   *
   * @param tags        the tag set that selects it ({@code serve} for serving)
   * @param tfVersion   the TensorFlow version that wrote it; empty when not recorded
   * @param objectCount objects in its TF2 object graph; 0 for a TF1-style graph
   * @param signatures  its callable signatures, sorted by key (the TF2 init op left out)
   */
  public record MetaGraph(List<String> tags, String tfVersion, int objectCount, List<SignatureSpec> signatures) {
    public MetaGraph {
      tags = List.copyOf(tags);
      signatures = List.copyOf(signatures);
    }

    public Optional<SignatureSpec> signature(String key) {
      return signatures.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public List<String> signatureKeys() {
      return signatures.stream().map(SignatureSpec::key).toList();
    }
  }

  public SavedModelInfo {
    metaGraphs = List.copyOf(metaGraphs);
  }

  /**
   * Reads {@code dir/saved_model.pb}.
   *
   * @throws UserException when the file is missing or not a SavedModel
   */
  public static SavedModelInfo read(Path dir) {
    if (Files.isRegularFile(dir)) {
      throw new UserException(dir + " is a file; give the SavedModel's directory, the one that holds " + FILE
          + " and variables/" + (dir.getFileName().toString().equals(FILE) && dir.toAbsolutePath().getParent() != null
              ? ": " + dir.toAbsolutePath().getParent() : ""));
    }
    if (!Files.isDirectory(dir)) {
      throw new UserException("no such directory " + dir.toAbsolutePath() + ": give the directory of a SavedModel"
          + " (the one that holds " + FILE + " and variables/)");
    }
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new UserException("no SavedModel in " + dir.toAbsolutePath() + ": " + FILE + " is missing"
          + (Files.isRegularFile(dir.resolve("saved_model.pbtxt")) ? " (a text saved_model.pbtxt is not supported)"
          : " (give the directory that holds saved_model.pb and variables/)"));
    }
    SavedModel model;
    try {
      model = SavedModel.parseFrom(Files.readAllBytes(file));
    } catch (InvalidProtocolBufferException e) {
      throw new UserException(file + " is not a SavedModel protocol buffer (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<MetaGraph> graphs = new ArrayList<>();
    for (MetaGraphDef g : model.getMetaGraphsList()) {
      List<SignatureSpec> signatures = new ArrayList<>();
      g.getSignatureDefMap().forEach((key, def) -> {
        if (!key.equals(SignatureSpec.INIT_OP_KEY)) {
          signatures.add(SignatureSpec.of(key, def));
        }
      });
      signatures.sort((a, b) -> a.key().compareTo(b.key()));
      graphs.add(new MetaGraph(g.getMetaInfoDef().getTagsList(), g.getMetaInfoDef().getTensorflowVersion(),
          g.getObjectGraphDef().getNodesCount(), signatures));
    }
    if (graphs.isEmpty()) {
      throw new UserException(file + " holds no meta graph");
    }
    return new SavedModelInfo(dir, graphs);
  }

  /** Whether {@code dir} holds a SavedModel (a {@code saved_model.pb}). */
  public static boolean isSavedModel(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  /**
   * The meta graph with exactly the tag set {@code tags} (in any order).
   *
   * @throws UserException naming the tag sets there are
   */
  public MetaGraph metaGraph(List<String> tags) {
    return metaGraphs.stream().filter(g -> g.tags().size() == tags.size() && g.tags().containsAll(tags))
        .findFirst().orElseThrow(() -> new UserException("the SavedModel in " + dir + " has no meta graph tagged "
            + String.join(",", tags) + "; its tag sets are " + tagSets() + " (choose one with --tags)"));
  }

  /** The tag sets, e.g. {@code [serve], [serve,gpu]}. */
  public String tagSets() {
    return String.join(", ", metaGraphs.stream().map(g -> "[" + String.join(",", g.tags()) + "]").toList());
  }
}
