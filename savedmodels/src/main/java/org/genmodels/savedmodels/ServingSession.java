package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.io.AtomicFiles;
import org.genmodels.shared.io.DirectoryKind;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.tf.Bf16Rewrite;
import org.genmodels.shared.tf.CheckpointReader;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;

/**
 * A model ready to run: a session and the signatures it serves, from any SavedModel
 * ({@link #load}) or from one of this project's models rebuilt as its {@link ServingModel} with a
 * checkpoint's weights ({@link #build}). {@link #call} checks the inputs against the signature
 * (names, dtypes, shapes) before TensorFlow sees them.
 *
 * <p>Thread-safe: any number of threads may {@link #call} at once (TF sessions run concurrently);
 * {@link #close} waits for the calls in flight, and a call after it fails with
 * {@link IllegalStateException}. The caller owns the tensors it passes in and the {@link Result}
 * it gets back, and closes both.
 */
public final class ServingSession implements AutoCloseable {
  private final String source;
  private final Session session;
  private final AutoCloseable owner;
  private final Map<String, SignatureSpec> specs;
  private final Map<String, SessionFunction> functions;
  private final List<Signature> built;
  private final List<Parameters.Param> params;
  private final boolean exportable;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private ServingSession(String source, Session session, AutoCloseable owner, Map<String, SignatureSpec> specs,
      Map<String, SessionFunction> functions, List<Signature> built, List<Parameters.Param> params,
      boolean exportable) {
    this.source = source;
    this.session = session;
    this.owner = owner;
    this.specs = specs;
    this.functions = functions;
    this.built = built;
    this.params = params;
    this.exportable = exportable;
  }

  /**
   * Loads the SavedModel in {@code dir} (TF1 or TF2, written by Python or by this project) with
   * its meta graph tagged {@code tags}.
   *
   * @throws UserException when there is no SavedModel, no such tag set, or TF cannot load it or
   *                       its native library ({@link NativeLibrary})
   */
  public static ServingSession load(Path dir, List<String> tags) {
    return load(dir, tags, false);
  }

  /**
   * {@link #load(Path, List)}, with TensorFlow's bfloat16 rewrite ({@link Bf16Rewrite}) on the
   * session when {@code bf16Rewrite}: the graph's convolutions and matrix products then run in
   * bfloat16 on whatever graph the SavedModel holds, its variables staying float32. It pays for
   * conv graphs on a CPU with bfloat16 instructions (the DDPM's sampling 0.51× float32's time on
   * AMX) and measured slower than float32 for the small dense ones (docs/speed-levers.md). The
   * caller checks the CPU ({@code CpuFeatures.require}); without oneDNN TensorFlow skips the rewrite.
   */
  public static ServingSession load(Path dir, List<String> tags, boolean bf16Rewrite) {
    SavedModelInfo.MetaGraph meta = SavedModelInfo.read(dir).metaGraph(tags);
    NativeLibrary.require();
    SavedModelBundle bundle;
    try {
      SavedModelBundle.Loader loader = SavedModelBundle.loader(dir.toString()).withTags(tags.toArray(String[]::new));
      bundle = (bf16Rewrite ? loader.withConfigProto(Bf16Rewrite.config()) : loader).load();
    } catch (TensorFlowException e) {
      throw new UserException("TensorFlow cannot load the SavedModel in " + dir + ": " + firstLine(e), e);
    }
    Map<String, SignatureSpec> specs = new TreeMap<>();
    Map<String, SessionFunction> functions = new LinkedHashMap<>();
    for (SignatureSpec s : meta.signatures()) {
      specs.put(s.key(), s);
      functions.put(s.key(), bundle.function(s.key()));
    }
    return new ServingSession(dir.toString(), bundle.session(), bundle, specs, functions, List.of(), List.of(), false);
  }

  /**
   * Builds {@code model}'s inference graph and restores its weights from the checkpoint in
   * {@code checkpointDir} (a training checkpoint or an export: {@link CheckpointReader#open});
   * with a null directory the weights keep their initial values.
   *
   * @throws UserException when the checkpoint is missing or holds other variables or shapes, or
   *                       TF's native library is missing ({@link NativeLibrary})
   */
  public static ServingSession build(ServingModel model, Path checkpointDir) {
    return build(model, checkpointDir, false);
  }

  /**
   * {@link #build(ServingModel, Path)}, with TensorFlow's bfloat16 rewrite on the session when
   * {@code bf16Rewrite} or when the model asks for it ({@link ServingModel#bf16Rewrite}).
   */
  public static ServingSession build(ServingModel model, Path checkpointDir, boolean bf16Rewrite) {
    NativeLibrary.require();
    Graph graph = new Graph();
    Session session = null;
    try {
      Ops tf = Ops.create(graph);
      Parameters params = new Parameters(new Seeds(0));
      List<Signature> signatures = model.build(tf, params);
      session = Bf16Rewrite.session(graph, bf16Rewrite || model.bf16Rewrite());
      if (checkpointDir != null) {
        restore(session, params, CheckpointReader.open(checkpointDir), model);
      }
      Map<String, SignatureSpec> specs = new TreeMap<>();
      Map<String, SessionFunction> functions = new LinkedHashMap<>();
      for (Signature s : signatures) {
        specs.put(s.key(), specOf(s));
        functions.put(s.key(), session.function(s));
      }
      Session owned = session;
      return new ServingSession(checkpointDir == null ? "a new " + model.plugin().name() + " model"
          : checkpointDir.toString(), session, () -> {
            owned.close();
            graph.close();
          }, specs, functions, signatures, params.all(), model.exportable());
    } catch (RuntimeException | Error e) {
      if (session != null) {
        session.close();
      }
      graph.close();
      throw e;
    }
  }

  /**
   * Opens {@code dir}: a SavedModel (tag {@code serve}) or, failing that, a checkpoint of one of
   * this project's models, rebuilt from its variable shapes and {@code hints}.
   */
  public static ServingSession open(Path dir, CheckpointHints hints) {
    if (SavedModelInfo.isSavedModel(dir)) {
      return load(dir, List.of(SavedModelBundle.DEFAULT_TAG));
    }
    CheckpointReader r = CheckpointReader.open(dir);
    return build(ModelPlugins.detect(dir, r).servingFromCheckpoint(dir, r, hints), dir);
  }

  /** Every signature, sorted by key. */
  public List<SignatureSpec> signatures() {
    return List.copyOf(specs.values());
  }

  /**
   * The signature {@code key}.
   *
   * @throws IllegalArgumentException naming the signatures there are
   */
  public SignatureSpec signature(String key) {
    SignatureSpec s = specs.get(key);
    if (s == null) {
      throw new IllegalArgumentException("no signature '" + key + "' in " + source + "; it has "
          + String.join(", ", specs.keySet()));
    }
    return s;
  }

  /** Whether signature {@code key} exists. */
  public boolean has(String key) {
    return specs.containsKey(key);
  }

  /**
   * Runs signature {@code key} on {@code inputs} (one tensor per input name).
   *
   * @return the outputs by name; the caller closes the result
   * @throws IllegalArgumentException for an unknown signature, missing or unknown inputs, or an
   *                                  input of the wrong dtype or shape
   * @throws IllegalStateException    when this session is closed
   */
  public Result call(String key, Map<String, ? extends Tensor> inputs) {
    SignatureSpec spec = signature(key);
    check(spec, inputs);
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the model " + source + " is closed");
      }
      return functions.get(key).call(new LinkedHashMap<>(inputs));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Writes this model as a SavedModel into {@code dir}, atomically: into a temporary directory
   * beside it, renamed into place when complete. Only for sessions {@link #build built} here from an
   * {@linkplain ServingModel#exportable() exportable} model. An
   * existing {@code dir} is replaced only when it is an export ({@link ModelExport#DIRECTORY}).
   *
   * @throws UserException when {@code dir} holds something else
   * @throws IOException   naming {@code dir} and the cause, when the write fails; what was in
   *                       {@code dir} is then unchanged
   */
  public void export(Path dir) throws IOException {
    export(dir, ModelExport.DIRECTORY);
  }

  /** As {@link #export(Path)}, replacing an existing {@code dir} when it is of {@code replaceable}. */
  public void export(Path dir, DirectoryKind replaceable) throws IOException {
    if (built.isEmpty()) {
      throw new IllegalStateException("only a model built from a checkpoint is exported here; " + source
          + " is a loaded SavedModel already");
    }
    if (!exportable) {
      throw new IllegalStateException(source + " was built to run in this process only (ServingModel.inProcess),"
          + " with ops an export must not hold; build the model itself to export it");
    }
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the model " + source + " is closed");
      }
      AtomicFiles.writeDirectory(dir, replaceable, tmp -> {
        try {
          SavedModelBundle.exporter(tmp.toString()).withSession(session)
              .withSignatures(built.toArray(Signature[]::new)).export();
        } catch (TensorFlowException e) {
          throw new IOException(firstLine(e), e);
        }
      });
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Sets the weights of a model {@link #build built} here to {@code values.apply(variable)} (a
   * Keras model's, say), while no call runs.
   */
  public void assign(Function<Parameters.Param, float[]> values) {
    if (built.isEmpty()) {
      throw new IllegalStateException(source + " is a loaded SavedModel: its weights are not set here");
    }
    lock.writeLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the model " + source + " is closed");
      }
      WeightAssignment.assign(session, params, values);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The session, for exports of what was assigned ({@link ModelExport#fromSession}). */
  Session session() {
    return session;
  }

  /** Where the model came from, for messages. */
  public String source() {
    return source;
  }

  /** Waits for the calls in flight, then releases the session and graph; idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      owner.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot close " + source + ": " + e.getMessage(), e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void check(SignatureSpec spec, Map<String, ? extends Tensor> inputs) {
    List<String> missing = new ArrayList<>(spec.inputNames());
    missing.removeAll(inputs.keySet());
    List<String> unknown = new ArrayList<>(inputs.keySet());
    unknown.removeAll(spec.inputNames());
    if (!missing.isEmpty() || !unknown.isEmpty()) {
      throw new IllegalArgumentException("signature '" + spec.key() + "' takes inputs " + spec.inputNames()
          + (missing.isEmpty() ? "" : "; missing " + missing) + (unknown.isEmpty() ? "" : "; unknown " + unknown));
    }
    for (TensorSpec in : spec.inputs()) {
      Tensor t = inputs.get(in.name());
      long[] dims = t.shape().asArray();
      if (t.dataType() != in.dtype() || !in.fits(dims)) {
        throw new IllegalArgumentException("input '" + in.name() + "' of signature '" + spec.key() + "' takes "
            + in.describeType() + "; got " + CheckpointReader.dtypeName(t.dataType()) + " " + Arrays.toString(dims));
      }
    }
  }

  private static SignatureSpec specOf(Signature s) {
    List<TensorSpec> in = new ArrayList<>();
    s.getInputs().forEach((name, d) -> in.add(new TensorSpec(name, d.name, d.dataType, d.shape.asArray())));
    List<TensorSpec> out = new ArrayList<>();
    s.getOutputs().forEach((name, d) -> out.add(new TensorSpec(name, d.name, d.dataType, d.shape.asArray())));
    in.sort((a, b) -> a.name().compareTo(b.name()));
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return new SignatureSpec(s.key(), s.methodName(), in, out);
  }

  /**
   * Restores every variable of {@code params} from the checkpoint key {@code model} names for it
   * (its own name, or, say, its weight average's), first checking names and shapes for a clear
   * error.
   */
  private static void restore(Session session, Parameters params, CheckpointReader r, ServingModel model) {
    List<Parameters.Param> elsewhere = new ArrayList<>();
    for (Parameters.Param p : params.all()) {
      String key = model.checkpointKey(p);
      CheckpointReader.Entry e = r.entry(key).orElseThrow(() -> new UserException("the checkpoint "
          + r.prefix() + " has no variable " + key + ": it is not a " + model.plugin().displayName()
          + " of these settings"));
      if (!e.shape().equals(p.shape())) {
        throw new UserException(key + " is " + e.shape() + " in the checkpoint " + r.prefix()
            + " but " + p.shape() + " in a " + model.plugin().displayName() + " of these settings: give the"
            + " settings the model was trained with");
      }
      if (!key.equals(p.name())) {
        elsewhere.add(p);
      }
    }
    if (elsewhere.size() < params.all().size()) {
      try {
        session.restore(r.prefix().toString());
      } catch (TensorFlowException e) {
        throw new UserException("cannot restore " + r.prefix() + ": " + firstLine(e), e);
      }
    }
    if (!elsewhere.isEmpty()) {
      WeightAssignment.assign(session, elsewhere, p -> r.floats(model.checkpointKey(p)));
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage();
    return m == null ? e.toString() : m.lines().findFirst().orElse(m);
  }
}

