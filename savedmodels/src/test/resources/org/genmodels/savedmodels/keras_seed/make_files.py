"""Writes the small Keras weights files that KerasSeedImportTest imports: seed 000's AE.py and VAE.py
models with random weights, laid out as Keras' model.save_weights('x.h5') lays them out.

Run once by hand (Debian: apt-get install python3-h5py), in this directory:
    /usr/bin/python3 make_files.py
The tests do not need h5py or numpy: the files are kept beside this script. The tests compute their
reference outputs in plain Java from the arrays read back, by the Keras names written here.

The layout (Keras 2 / tf.keras HDF5, keras/saving/hdf5_format.py): the root attribute layer_names
lists model.layers in order (for a subclassed model, its layer attributes in assignment order);
each layer has a group of its name whose attribute weight_names lists its weights' variable names
(kernel before bias; a Sequential lists its Dense layers' weights in order), and each weight is a
dataset at that name inside the group. tf.keras 2.6 and later also write a group
top_level_model_weights (the model's own variables: none here), which layer_names does not list.
Sizes are small (the importer reads them from the shapes); the 784 pixels stay.
"""
import h5py
import numpy as np

rng = np.random.default_rng(20240613)


def fixed(names):
    # Keras 2 stores name lists as numpy fixed-length byte strings, through np.asarray.
    return np.asarray([n.encode("utf8") for n in names])


def dense(n_in, n_out):
    # Glorot-uniform kernels as Keras draws them, and non-zero biases so that a bias put in the
    # wrong place shows in the outputs.
    limit = np.sqrt(6.0 / (n_in + n_out))
    kernel = rng.uniform(-limit, limit, size=(n_in, n_out)).astype("<f4")
    bias = rng.uniform(-0.1, 0.1, size=(n_out,)).astype("<f4")
    return kernel, bias


def keras2_file(path, version, layers, top_level):
    """layers: [(layer name, [(weight name prefix, (n_in, n_out)), ...]), ...] in model.layers order."""
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = fixed([name for name, _ in layers])
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = version.encode("utf8")
        for name, weights in sorted(layers):   # Keras creates the groups sorted by name
            g = f.create_group(name)
            names = []
            for prefix, _ in weights:
                names += [prefix + "/kernel:0", prefix + "/bias:0"]
            g.attrs["weight_names"] = fixed(names)
            for prefix, (n_in, n_out) in weights:
                kernel, bias = dense(n_in, n_out)
                g[prefix + "/kernel:0"] = kernel
                g[prefix + "/bias:0"] = bias
        if top_level:
            f.create_group("top_level_model_weights").attrs["weight_names"] = np.asarray([])


# AE.py's AE as tf.keras 2.x writes it (hidden 16, 8; code 4): two Sequentials, Dense layers named
# dense ... dense_5 across both, variables named <sequential>/<dense>/kernel:0.
keras2_file("ae_tf2.h5", "2.11.0", [
    ("sequential", [("sequential/dense", (784, 16)), ("sequential/dense_1", (16, 8)),
                    ("sequential/dense_2", (8, 4))]),
    ("sequential_1", [("sequential_1/dense_3", (4, 8)), ("sequential_1/dense_4", (8, 16)),
                      ("sequential_1/dense_5", (16, 784))]),
], top_level=True)

# The same model with one hidden layer (8; code 3) as standalone Keras 2.2 writes it: 1-based names,
# variables named after the Dense layer alone (dense_1/kernel:0 in group sequential_1).
keras2_file("ae_keras2_one_hidden.h5", "2.2.4", [
    ("sequential_1", [("dense_1", (784, 8)), ("dense_2", (8, 3))]),
    ("sequential_2", [("dense_3", (3, 8)), ("dense_4", (8, 784))]),
], top_level=False)

# VAE.py's VAE as tf.keras 2.x writes it (hidden 8, latent 4): the Dense attributes fc1 ... fc5
# are the layers dense ... dense_4, in that order.
keras2_file("vae_tf2.h5", "2.11.0", [
    ("dense", [("dense", (784, 8))]),
    ("dense_1", [("dense_1", (8, 4))]),
    ("dense_2", [("dense_2", (8, 4))]),
    ("dense_3", [("dense_3", (4, 8))]),
    ("dense_4", [("dense_4", (8, 784))]),
], top_level=True)

# VAE.py's VAE (hidden 6, latent 2) as Keras 3 writes a .weights.h5: layers/<name>/vars/<index>,
# no weight names (0 the kernel, 1 the bias), the model's own (empty) vars at the root.
with h5py.File("vae_keras3.weights.h5", "w") as f:
    f.create_group("vars")
    for name, (n_in, n_out) in [("dense", (784, 6)), ("dense_1", (6, 2)), ("dense_2", (6, 2)),
                                ("dense_3", (2, 6)), ("dense_4", (6, 784))]:
        kernel, bias = dense(n_in, n_out)
        f["layers/%s/vars/0" % name] = kernel
        f["layers/%s/vars/1" % name] = bias
