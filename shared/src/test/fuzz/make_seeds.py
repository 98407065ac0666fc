#!/usr/bin/env python3
"""Writes the seed corpora of shared's fuzz tests from ../shared's fixtures and data sets.

Run once from the repository root (python3 with numpy; nothing of this is needed at test time):
    python3 shared/src/test/fuzz/make_seeds.py ../shared
Each seed is small (the whole corpus stays well under 1 MB); FUZZING.md beside this file says where
each came from. Crashing inputs the fuzzer finds are added to the same folders by Jazzer and kept.
"""
import collections
import copyreg
import gzip
import io
import os
import pickle
import struct
import sys
import types
import zipfile

import numpy as np

SHARED = sys.argv[1] if len(sys.argv) > 1 else '../shared'
FIX = os.path.join(SHARED, 'fixtures')
RES = 'shared/src/test/resources/org/genmodels/shared'


def put(package, test, name, data):
    folder = os.path.join(RES, package, test + 'Inputs', 'fuzz')
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)


def zip_bytes(records):
    """A zip of stored records, as PyTorch writes them."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_STORED) as z:
        for name, data in records:
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


# --- PyTorch: real pickles with their small storages, and a torch.save-like file made here ---------
def torch_cut(path, keep_up_to):
    with zipfile.ZipFile(path) as z:
        return zip_bytes([(n, z.read(n)) for n in z.namelist()
                          if n.endswith('.pkl') or n.endswith('version') or z.getinfo(n).file_size <= keep_up_to])


put('weights', 'TorchStateDictFuzzTest', 'vae_pickle_small_storages.pt',
    torch_cut(os.path.join(FIX, 'pytorch', 'seed004_vae', 'best_model_mnist'), 4096))
put('weights', 'TorchStateDictFuzzTest', 'ddpm_pickle_int64_storages.pt',
    torch_cut(os.path.join(FIX, 'pytorch', 'seed004_ddpm_cpu', 'model.pt'), 8))

# torch.save's pickle without torch: stand-in classes under the names PyTorch's pickles use
torch_mod, utils_mod = types.ModuleType('torch'), types.ModuleType('torch._utils')
sys.modules['torch'], sys.modules['torch._utils'] = torch_mod, utils_mod
STORAGE_TYPES = {'FloatStorage': '<f4', 'DoubleStorage': '<f8', 'LongStorage': '<i8', 'HalfStorage': '<f2',
                 'BoolStorage': '?'}
for cls in STORAGE_TYPES:
    setattr(torch_mod, cls, type(cls, (), {'__module__': 'torch'}))


def _rebuild_tensor_v2(*args):
    raise AssertionError('only pickled here')


_rebuild_tensor_v2.__module__ = 'torch._utils'
utils_mod._rebuild_tensor_v2 = _rebuild_tensor_v2


class Storage:
    def __init__(self, cls, key, values):
        self.cls, self.key, self.values = cls, key, np.asarray(values, dtype=STORAGE_TYPES[cls])


class Tensor:
    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, tuple(size), tuple(stride), False, collections.OrderedDict())

    def __reduce_ex__(self, protocol):
        return _rebuild_tensor_v2, self.args


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return 'storage', getattr(torch_mod, obj.cls), obj.key, 'cpu', obj.values.size
        return None


def torch_file(prefix, tensors, storages, byteorder=None):
    sd = collections.OrderedDict(tensors)
    sd._metadata = collections.OrderedDict([('', {'version': 1})])
    out = io.BytesIO()
    TorchPickler(out, protocol=2).dump(sd)
    records = [(prefix + '/data.pkl', out.getvalue())]
    if byteorder:
        records.append((prefix + '/byteorder', byteorder.encode()))
    for s in storages:
        values = s.values.astype(s.values.dtype.newbyteorder('>')) if byteorder == 'big' else s.values
        records.append((prefix + '/data/' + s.key, values.tobytes()))
    records.append((prefix + '/version', b'3\n'))
    return zip_bytes(records)


m = Storage('FloatStorage', '0', np.arange(12))
f64, i64 = Storage('DoubleStorage', '1', [0.1, -2.5]), Storage('LongStorage', '2', [1 << 40, -7])
half, mask = Storage('HalfStorage', '3', [1.5, -2]), Storage('BoolStorage', '4', [True, False, True])
put('weights', 'TorchStateDictFuzzTest', 'views.pt', torch_file('views', [
    ('matrix', Tensor(m, 0, (3, 4), (4, 1))), ('transposed', Tensor(m, 0, (4, 3), (1, 4))),
    ('column1', Tensor(m, 1, (3,), (4,))), ('scalar', Tensor(m, 11, (), ())),
    ('f64', Tensor(f64, 0, (2,), (1,))), ('i64', Tensor(i64, 0, (2,), (1,))),
    ('f16', Tensor(half, 0, (2,), (1,))), ('mask', Tensor(mask, 0, (3,), (1,)))], [m, f64, i64, half, mask], 'little'))
put('weights', 'TorchStateDictFuzzTest', 'big_endian.pt', torch_file('big_endian', [
    ('w', Tensor(f64, 0, (2,), (1,))), ('tail', Tensor(m, 1, (2, 2), (2, 1)))], [f64, m], 'big'))
put('weights', 'TorchStateDictFuzzTest', 'legacy_magic.pt', pickle.dumps(0x1950a86a20f9469cfc6c, protocol=2)
    + pickle.dumps(1001, protocol=2))
put('weights', 'TorchStateDictFuzzTest', 'torchscript.pt', zip_bytes([
    ('script/data.pkl', pickle.dumps((), protocol=2)), ('script/constants.pkl', pickle.dumps((), protocol=2)),
    ('script/code/__torch__.py', b'class M(Module):\n  pass\n'), ('script/version', b'3\n')]))


# --- Paddle: numpy arrays pickled by Python, under numpy 1's module name too -------------------------
def paddle_bytes(arrays, protocol, numpy1_names):
    table = {k: 'param_%d' % i for i, k in enumerate(arrays)}
    d = dict(arrays, **{'StructuredToParameterName@@': table})
    out = io.BytesIO()
    p = pickle.Pickler(out, protocol=protocol)
    if numpy1_names:  # what numpy 1.x (the fixtures' 1.24) names the function
        fake = types.ModuleType('numpy.core.multiarray')
        fake._reconstruct = lambda *a: None
        fake._reconstruct.__module__, fake._reconstruct.__qualname__ = 'numpy.core.multiarray', '_reconstruct'
        sys.modules['numpy.core.multiarray'] = fake
        p.dispatch_table = copyreg.dispatch_table.copy()
        p.dispatch_table[np.ndarray] = lambda a: (fake._reconstruct, (np.ndarray, (0,), b'b'), a.__reduce__()[2])
    p.dump(d)
    return out.getvalue()


with open(os.path.join(FIX, 'pytorch', 'seed002_cvae_paddle', 'A_encoder_True.pdparams'), 'rb') as f:
    encoder = pickle.load(f)
small = {k: v for k, v in encoder.items() if isinstance(v, np.ndarray) and v.nbytes <= 4096}
put('weights', 'PaddleStateDictFuzzTest', 'encoder_small_arrays_p4.pdparams', paddle_bytes(small, 4, True))
put('weights', 'PaddleStateDictFuzzTest', 'p2_mixed.pdparams', pickle.dumps({
    'f': np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)), 'b': np.arange(4, dtype='>i8'),
    'h': np.array([1.5, -2.0], dtype=np.float16), 'u': np.array([0, 255], dtype=np.uint8),
    'flag': np.array([True, False, True]), 'StructuredToParameterName@@': {'f': 'linear_0.w_0'}}, protocol=2))
put('weights', 'PaddleStateDictFuzzTest', 'p3_float64.pdparams',
    paddle_bytes({'w': np.array([[1.0, 2.0], [3.0, 4.0]])}, 3, False))


# --- numpy .npy: golden arrays of the fixtures, and every header variant Npy reads -------------------
def copy_file(path):
    with open(path, 'rb') as f:
        return f.read()


P = os.path.join(FIX, 'pytorch')
put('data', 'NpyFuzzTest', 'vae_mu_f4.npy', copy_file(os.path.join(P, 'seed004_vae', 'golden', 'mu.npy')))
put('data', 'NpyFuzzTest', 'ddpm_t_i8.npy', copy_file(os.path.join(P, 'seed004_ddpm_cpu', 'golden', 't.npy')))
put('data', 'NpyFuzzTest', 'cvae_labels_i4.npy', copy_file(os.path.join(P, 'seed002_cvae_paddle', 'golden', 'labels.npy')))


def npy(array, version=None):
    out = io.BytesIO()
    np.lib.format.write_array(out, array, version=version)
    return out.getvalue()


put('data', 'NpyFuzzTest', 'strings_S3.npy', npy(np.array([b'ab', b'xyz'])))
put('data', 'NpyFuzzTest', 'bool_v2_header.npy', npy(np.array([[True, False]]), version=(2, 0)))
put('data', 'NpyFuzzTest', 'u1_v3_header.npy', npy(np.arange(5, dtype=np.uint8), version=(3, 0)))
put('data', 'NpyFuzzTest', 'fortran_f8.npy', npy(np.asfortranarray(np.ones((2, 2)))))


# --- IDX: the first MNIST test images and labels, cut to a few, raw and gzipped ----------------------
def idx_cut(path, count, item_bytes, rank):
    with gzip.open(path, 'rb') as f:
        f.read(4 + 4 * rank)
        data = f.read(count * item_bytes)
    dims = [count] + ([28, 28] if rank == 3 else [])
    return struct.pack('>I', 0x0800 | rank) + b''.join(struct.pack('>I', d) for d in dims) + data


M = os.path.join(SHARED, 'datasets', 'mnist')
images = idx_cut(os.path.join(M, 't10k-images-idx3-ubyte.gz'), 2, 784, 3)
labels = idx_cut(os.path.join(M, 't10k-labels-idx1-ubyte.gz'), 10, 1, 1)
put('data', 'IdxFuzzTest', 't10k_images_2.idx', images)
put('data', 'IdxFuzzTest', 't10k_labels_10.idx', labels)
put('data', 'IdxFuzzTest', 't10k_images_2.idx.gz', gzip.compress(images, mtime=0))
put('data', 'IdxFuzzTest', 't10k_labels_10.idx.gz', gzip.compress(labels, mtime=0))

# --- TF checkpoints: the SavedModel fixtures' small variables, framed as the fuzz test reads them ----
S = os.path.join(FIX, 'savedmodels')
for name in ['half_plus_two_tf1', 'half_plus_two_tf2', 'tfjava_python_multisig', 'keras_dense_single_input']:
    prefix = os.path.join(S, name, 'variables', 'variables')
    index, data = copy_file(prefix + '.index'), copy_file(prefix + '.data-00000-of-00001')
    put('tf', 'CheckpointReaderFuzzTest', name + '.ckpt', struct.pack('>H', len(index)) + index + data)


# --- Snappy: the compressed blocks of the TF2 fixture's index, and SnappyTest's hand-made blocks -----
def varint(b, p):
    v = shift = 0
    while True:
        x = b[p]
        p += 1
        v |= (x & 0x7f) << shift
        shift += 7
        if x < 0x80:
            return v, p


def snappy_blocks(table):
    """The Snappy-compressed blocks of a LevelDB table: the data blocks before the meta-index block
    (one block here), the meta-index block and the index block, each if its trailer says Snappy."""
    footer = table[-48:]
    meta_offset, p = varint(footer, 0)
    meta_size, p = varint(footer, p)
    index_offset, p = varint(footer, p)
    index_size, p = varint(footer, p)
    handles = [(0, meta_offset - 5), (meta_offset, meta_size), (index_offset, index_size)]
    return [table[o:o + n] for o, n in handles if n > 0 and table[o + n] == 1]


tf2 = copy_file(os.path.join(S, 'half_plus_two_tf2', 'variables', 'variables.index'))
for i, block in enumerate(snappy_blocks(tf2)):
    put('tf', 'SnappyFuzzTest', 'tf2_index_block%d.snappy' % i, block)
put('tf', 'SnappyFuzzTest', 'literal_and_overlapping_copy.snappy', bytes([12, 0x08]) + b'abc' + bytes([0x15, 0x03]))
put('tf', 'SnappyFuzzTest', 'long_literal_two_byte_copy.snappy',
    bytes([75, 60 << 2, 69]) + bytes(ord('A') + i % 26 for i in range(70)) + bytes([(4 << 2) | 2, 70, 0]))

# --- run.properties: as CheckpointSaver writes it (java.util.Properties.store) ---------------------
RUN = ('#the run this checkpoint belongs to\n#Sat Nov 30 08:00:00 UTC 2024\ndataset=%s\nbatch_size=%d\n'
       'train_images=%d\nseed=%d\nstep=%d\nfinished=%s\n')
put('train', 'RunKeyFuzzTest', 'mnist_running.properties', (RUN % ('mnist', 512, 60000, 22, 154, 'false')).encode())
put('train', 'RunKeyFuzzTest', 'fashion_finished.properties',
    (RUN % ('fashion-mnist', 64, 60000, -3, 9370, 'true')).encode())
put('train', 'RunKeyFuzzTest', 'escapes.properties',
    b'dataset=my\\u0020data\\:set\ntrain_images = 10\nbatch_size:5\nseed 9223372036854775807\nstep=0\nfinished=TRUE\n')
