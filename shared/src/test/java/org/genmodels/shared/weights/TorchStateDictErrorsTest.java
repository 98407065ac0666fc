package org.genmodels.shared.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad PyTorch files, most made from the seed 004 VAE fixture: each is refused with a message that
 * names the file, the fault and the fix, and reading leaves everything on disk as it was.
 */
class TorchStateDictErrorsTest {
  @TempDir
  Path tmp;

  private Path vae() {
    return TorchStateDictTest.fixtures().resolve("seed004_vae").resolve("best_model_mnist");
  }

  /** Reads {@code file}, expecting a refusal, and checks that the directory is byte for byte unchanged. */
  private String refusal(Path file) throws IOException {
    Map<Path, byte[]> before = snapshot();
    WeightFileException e = assertThrows(WeightFileException.class, () -> TorchStateDict.read(file));
    Map<Path, byte[]> after = snapshot();
    assertEquals(before.keySet(), after.keySet());
    before.forEach((p, b) -> assertTrue(Arrays.equals(b, after.get(p)), p + " changed"));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    return e.getMessage();
  }

  private Map<Path, byte[]> snapshot() throws IOException {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path p : s.sorted().toList()) {
        files.put(p, Files.readAllBytes(p));
      }
    }
    return files;
  }

  private Path withPickle(byte[] pickle) throws IOException {
    Path file = tmp.resolve("bad_pickle.pt");
    TorchFiles.copy(vae(), file, n -> true, Map.of("best_model_mnist/data.pkl", pickle));
    return file;
  }

  @Test
  void truncatedZip() throws IOException {
    byte[] whole = Files.readAllBytes(vae());
    Path file = tmp.resolve("truncated.pt");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    String m = refusal(file);
    assertTrue(m.contains("damaged zip archive") && m.contains("truncated"), m);
  }

  @Test
  void missingStorageRecord() throws IOException {
    Path file = tmp.resolve("missing.pt");
    TorchFiles.copy(vae(), file, n -> !n.equals("best_model_mnist/data/3"), Map.of());
    String m = refusal(file);
    assertTrue(m.contains("no storage record best_model_mnist/data/3 (tensor 'encoder.2.bias')")
        && m.contains("torch.save(model.state_dict()"), m);
  }

  @Test
  void globalsOutsideTheAllowedSetAreNamedAndNeverRun() throws IOException {
    // what pickle.dumps of an object whose __reduce__ returns (os.system, ('echo hacked',)) holds
    byte[] system = new PickleBytes().proto(2).global("os", "system").str("echo hacked").op(0x85).reduce().stop().bytes();
    String m = refusal(withPickle(system));
    assertTrue(m.contains("names the Python global os.system, which is not allowed") && m.contains("may run code"), m);

    byte[] eval = new PickleBytes().proto(2).global("builtins", "eval").str("1+1").op(0x85).reduce().stop().bytes();
    m = refusal(withPickle(eval));
    assertTrue(m.contains("builtins.eval, which is not allowed"), m);
  }

  @Test
  void wholePickledModuleSaysToSaveTheStateDict() throws IOException {
    byte[] model = new PickleBytes().proto(2).global("__main__", "VAE").emptyTuple().op(0x81).stop().bytes();
    String m = refusal(withPickle(model));
    assertTrue(m.contains("__main__.VAE") && m.contains("torch.save(model)") && m.contains("model.state_dict()"), m);
    byte[] linear = new PickleBytes().proto(2).global("torch.nn.modules.linear", "Linear").emptyTuple().op(0x81)
        .stop().bytes();
    assertTrue(refusal(withPickle(linear)).contains("whole pickled model"));
  }

  @Test
  void legacyAndTorchScriptFilesNameTheirFormatAndTheFix() throws IOException {
    // PyTorch < 1.6 begins with the pickled magic number 0x1950a86a20f9469cfc6c
    Path legacy = tmp.resolve("legacy.pt");
    Files.write(legacy, new byte[] {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46,
        (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e});
    String m = refusal(legacy);
    assertTrue(m.contains("before 1.6") && m.contains("torch.save(torch.load(path)"), m);

    Path script = tmp.resolve("script.pt");
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put("data.pkl", new PickleBytes().proto(2).emptyTuple().stop().bytes());
    records.put("constants.pkl", new PickleBytes().proto(2).emptyTuple().stop().bytes());
    records.put("code/__torch__.py", "class VAE(Module):\n".getBytes(StandardCharsets.UTF_8));
    TorchFiles.zip(script, "script/", records);
    m = refusal(script);
    assertTrue(m.contains("TorchScript archive") && m.contains("torch.jit.load(path).state_dict()"), m);
  }

  @Test
  void sizesInTheFileAreCheckedBeforeAnythingIsAllocated() throws IOException {
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put("data.pkl", TorchFiles.stateDict(List.of(
        new TorchFiles.Tensor("huge", "FloatStorage", "0", 1L << 40, 0, new long[] {1 << 20, 1 << 20}, new long[] {1 << 20, 1}))));
    records.put("data/0", new byte[16]);
    Path huge = tmp.resolve("huge.pt");
    TorchFiles.zip(huge, "huge/", records);
    String m = refusal(huge);
    assertTrue(m.contains("storage huge/data/0 of tensor 'huge' has 1099511627776 elements, over the 2 GiB"), m);

    records.put("data.pkl", TorchFiles.stateDict(List.of(
        new TorchFiles.Tensor("w", "FloatStorage", "0", 1000, 0, new long[] {1000}, new long[] {1}))));
    Path lying = tmp.resolve("lying.pt");
    TorchFiles.zip(lying, "lying/", records);
    m = refusal(lying);
    assertTrue(m.contains("should hold 1000 float32 elements (4000 bytes), but its record has 16 bytes"), m);
  }

  @Test
  void viewsOutsideTheirStorageOrOverlappingAreRefused() throws IOException {
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put("data/0", new byte[16]);
    records.put("data.pkl", TorchFiles.stateDict(List.of(
        new TorchFiles.Tensor("past_end", "FloatStorage", "0", 4, 2, new long[] {3}, new long[] {1}))));
    Path past = tmp.resolve("past.pt");
    TorchFiles.zip(past, "past/", records);
    String m = refusal(past);
    assertTrue(m.contains("tensor 'past_end' is a view that reaches element 4 of a storage of 4"), m);

    records.put("data.pkl", TorchFiles.stateDict(List.of(
        new TorchFiles.Tensor("expanded", "FloatStorage", "0", 4, 0, new long[] {1000, 4}, new long[] {0, 1}))));
    Path expanded = tmp.resolve("expanded.pt");
    TorchFiles.zip(expanded, "expanded/", records);
    m = refusal(expanded);
    assertTrue(m.contains("visits elements more than once") && m.contains("t.clone()"), m);
  }

  @Test
  void aTrainingCheckpointNamesItsFirstNonTensorValue() throws IOException {
    byte[] pickle = new PickleBytes().proto(2).emptyDict().str("epoch").integer(3).op('s').stop().bytes();
    String m = refusal(withPickle(pickle));
    assertTrue(m.contains("the value of 'epoch' is an int, not a tensor") && m.contains("checkpoint['model_state_dict']"), m);
  }

  @Test
  void damagedPicklesAndRecordsAreNamed() throws IOException {
    byte[] pkl;
    try (var zip = new java.util.zip.ZipFile(vae().toFile())) {
      pkl = zip.getInputStream(zip.getEntry("best_model_mnist/data.pkl")).readAllBytes();
    }
    String m = refusal(withPickle(Arrays.copyOf(pkl, 500)));
    assertTrue(m.contains("(best_model_mnist/data.pkl) is not a readable PyTorch state dict: it ends early"), m);
    assertTrue(refusal(withPickle(Arrays.copyOf(pkl, 983))).contains("it ends early (premature end of file)"));

    // a BINUNICODE announcing 2 GiB: refused before Pyrolite would allocate it
    byte[] longString = new PickleBytes().proto(2).op('X').op(0xff).op(0xff).op(0xff).op(0x7f).op('a').stop().bytes();
    m = refusal(withPickle(longString));
    assertTrue(m.contains("an opcode announces 2147483647 bytes where 2 remain"), m);

    Path withOrder = tmp.resolve("with_order.pt");
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put("data.pkl", TorchFiles.stateDict(List.of()));
    records.put("byteorder", "middle".getBytes(StandardCharsets.US_ASCII));
    TorchFiles.zip(withOrder, "with_order/", records);
    m = refusal(withOrder);
    assertTrue(m.contains("byteorder record 'middle', neither 'little' nor 'big'"), m);
  }

  @Test
  void entryCommentsThatAreNotUtf8AreADamagedZip() throws IOException {
    // the JDK checks names when it opens a zip but decodes a comment only when the entry is looked
    // up, with an unchecked IllegalArgumentException (a -Pquality fuzzing find)
    Path file = tmp.resolve("bad_comment.pt");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      ZipEntry entry = new ZipEntry("bad_comment/data.pkl");
      entry.setComment("COMMENT#");
      zip.putNextEntry(entry);
      zip.write(TorchFiles.stateDict(List.of()));
      zip.closeEntry();
    }
    byte[] bytes = Files.readAllBytes(file);
    int at = indexOf(bytes, "COMMENT#".getBytes(StandardCharsets.US_ASCII));
    bytes[at + 7] = (byte) 0xff;
    Files.write(file, bytes);
    String m = refusal(file);
    assertTrue(m.contains("is a damaged zip archive (an entry's name or comment is not valid UTF-8: malformed input"), m);
    WeightFileException e = assertThrows(WeightFileException.class, () -> WeightFiles.read(file));
    assertTrue(e.getMessage().contains("is a damaged zip archive (an entry's name or comment"), e.getMessage());
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void otherFilesSayWhatTheyAre() throws IOException {
    assertTrue(refusal(tmp.resolve("absent.pt")).contains("no file"));
    Path pdparams = TorchStateDictTest.fixtures().resolve("seed002_cvae_paddle").resolve("A_encoder_True.pdparams");
    Path copy = tmp.resolve("A_encoder_True.pdparams");
    Files.copy(pdparams, copy);
    assertTrue(refusal(copy).contains("it is a plain pickle (protocol 4)"));
    Path zip = tmp.resolve("other.zip");
    TorchFiles.zip(zip, "", Map.of("readme.txt", new byte[3]));
    assertTrue(refusal(zip).contains("not a torch.save file: it has 0 top-level */data.pkl records (1 entries, e.g. readme.txt)"));
  }
}
