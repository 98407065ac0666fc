"""Writes the small HDF5 files that KerasH5Test reads, with h5py as Keras would.

Run once by hand (Debian: apt-get install python3-h5py), in this directory:
    /usr/bin/python3 make_files.py
The tests do not need h5py: the files are kept beside this script. Every value is written
here literally, and KerasH5Test repeats it, so the tests check values, not only names.
"""
import json

import h5py
import numpy as np


def fixed(names):
    # Keras 2 stores name lists as numpy fixed-length byte strings ('S'), through np.asarray.
    return np.asarray([n.encode("utf8") for n in names])


def vlen(names):
    # A writer that passes Python str lists gets h5py's variable-length UTF-8 strings.
    return np.asarray(names, dtype=h5py.string_dtype("utf-8"))


def root_attrs(f, version):
    f.attrs["backend"] = b"tensorflow"      # bytes: h5py writes a variable-length string
    f.attrs["keras_version"] = version.encode("utf8")


# A: Keras 2 save_weights of a plain Sequential: dense_1 (3 -> 2), dropout_1, dense_2 (2 -> 1).
with h5py.File("keras2_save_weights.h5", "w") as f:
    f.attrs["layer_names"] = fixed(["dense_1", "dropout_1", "dense_2"])
    root_attrs(f, "2.2.4")
    g = f.create_group("dense_1")
    g.attrs["weight_names"] = fixed(["dense_1/kernel:0", "dense_1/bias:0"])
    g["dense_1/kernel:0"] = np.array([[0.5, -1.0], [1.5, 2.0], [-2.5, 3.0]], dtype="<f4")
    g["dense_1/bias:0"] = np.array([0.25, -0.75], dtype="<f4")
    f.create_group("dropout_1").attrs["weight_names"] = np.asarray([])  # Keras: an empty float64 array
    g = f.create_group("dense_2")
    g.attrs["weight_names"] = fixed(["dense_2/kernel:0", "dense_2/bias:0"])
    g["dense_2/kernel:0"] = np.array([[1.0 / 3.0], [-2.0 / 3.0]], dtype="<f8")
    g["dense_2/bias:0"] = np.array([0.1], dtype="<f8")

# B: Keras 2 model.save layout (model_weights/, model_config, training_config, optimizer_weights),
# the name lists as variable-length strings, float16 and big-endian chunked gzip float64 arrays.
config = {
    "class_name": "Model",
    "config": {
        "name": "tiny",
        "layers": [
            {"name": "input_1", "class_name": "InputLayer",
             "config": {"batch_input_shape": [None, 3], "dtype": "float32", "name": "input_1"},
             "inbound_nodes": []},
            {"name": "dense_1", "class_name": "Dense",
             "config": {"name": "dense_1", "units": 2, "activation": "relu", "use_bias": True},
             "inbound_nodes": [[["input_1", 0, 0, {}]]]},
            {"name": "dense_2", "class_name": "Dense",
             "config": {"name": "dense_2", "units": 1, "activation": "linear", "use_bias": True},
             "inbound_nodes": [[["dense_1", 0, 0, {}]]]},
        ],
        "input_layers": [["input_1", 0, 0]],
        "output_layers": [["dense_2", 0, 0]],
    },
}
training = {"optimizer_config": {"class_name": "Adam", "config": {"lr": 0.001}},
            "loss": "mse", "metrics": [], "sample_weight_mode": None, "loss_weights": None}
with h5py.File("keras2_model_save_vlen.h5", "w") as f:
    root_attrs(f, "2.2.4")
    f.attrs["model_config"] = json.dumps(config).encode("utf8")
    f.attrs["training_config"] = json.dumps(training).encode("utf8")
    w = f.create_group("model_weights")
    w.attrs["layer_names"] = vlen(["input_1", "dense_1", "dense_2"])
    root_attrs(w, "2.2.4")
    w.create_group("input_1").attrs["weight_names"] = np.asarray([])
    g = w.create_group("dense_1")
    g.attrs["weight_names"] = vlen(["dense_1/kernel:0", "dense_1/bias:0"])
    # 65504 is float16's largest value, 2**-24 its smallest subnormal
    g["dense_1/kernel:0"] = np.array([[0.5, -1.25], [2.0, 0.125], [-3.0, 65504.0]], dtype="<f2")
    g["dense_1/bias:0"] = np.array([2.0 ** -24, -0.5], dtype="<f2")
    g = w.create_group("dense_2")
    g.attrs["weight_names"] = vlen(["dense_2/kernel:0", "dense_2/bias:0"])
    g.create_dataset("dense_2/kernel:0", data=np.array([[1.0 / 3.0], [-2.0 / 3.0]], dtype=">f8"),
                     chunks=(1, 1), compression="gzip")
    g["dense_2/bias:0"] = np.array([0.1], dtype="<f8")
    o = f.create_group("optimizer_weights")
    o.attrs["weight_names"] = fixed(["training/Adam/iterations:0", "training/Adam/lr:0"])
    o["training/Adam/iterations:0"] = np.array(7, dtype="<i8")
    o["training/Adam/lr:0"] = np.array(0.001, dtype="<f4")

# C: name lists longer than an HDF5 object header holds are split by Keras into name0, name1, ...
with h5py.File("keras2_chunked_names.h5", "w") as f:
    f.attrs["layer_names0"] = fixed(["dense_1"])
    f.attrs["layer_names1"] = fixed(["dense_2"])
    root_attrs(f, "2.2.4")
    g = f.create_group("dense_1")
    g.attrs["weight_names0"] = fixed(["dense_1/kernel:0"])
    g.attrs["weight_names1"] = fixed(["dense_1/bias:0"])
    g["dense_1/kernel:0"] = np.array([[1.0], [2.0]], dtype="<f4")
    g["dense_1/bias:0"] = np.array([3.0], dtype="<f4")
    g = f.create_group("dense_2")
    g.attrs["weight_names"] = fixed(["dense_2/kernel:0"])
    g["dense_2/kernel:0"] = np.array([[4.0]], dtype="<f4")

# D: Keras 3 save_weights (.weights.h5): layers/<name>/vars/<index>, a nested Functional, a layer
# with eleven variables (0..10: their order is numeric), an InputLayer without any, the optimizer.
with h5py.File("keras3.weights.h5", "w") as f:
    f.create_group("vars")
    f.create_group("layers/input_layer/vars")
    f["layers/dense/vars/0"] = np.array([[0.5, -1.0], [1.5, 2.0], [-2.5, 3.0]], dtype="<f4")
    f["layers/dense/vars/1"] = np.array([0.25, -0.75], dtype="<f4")
    f.create_group("layers/functional/vars")
    f["layers/functional/layers/dense/vars/0"] = np.array([[1.0 / 3.0], [-2.0 / 3.0]], dtype="<f8")
    f["layers/functional/layers/dense/vars/1"] = np.array([0.1], dtype="<f8")
    for i in range(11):
        f["layers/normalization/vars/%d" % i] = np.array(i, dtype="<f4")
    f["optimizer/vars/0"] = np.array(7, dtype="<i8")
    f["optimizer/vars/1"] = np.array([[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], dtype="<f4")

# E: an HDF5 file that is not Keras.
with h5py.File("not_keras.h5", "w") as f:
    f.attrs["title"] = "temperatures"
    f["temperature"] = np.array([20.5, 21.0, 19.75, 22.25])
    f["run1/pressure"] = np.array([1.0, 2.0])
