"""Rebuild the seed's Keras autoencoder (AE.py of seed 000), train it briefly, and write what
`savedmodels parity` checks the Java AE against:

    OUT/saved_model/        the SavedModel: signatures encode (x -> code), decode (z -> images)
                            and serving_default (x -> reconstruction), the names the Java export uses
    OUT/golden/x.npy        the first --golden Fashion-MNIST test images, float32 [n, 784] in [0, 1]
    OUT/golden/code.npy     encode(x)
    OUT/golden/images.npy   decode(code) = sigmoid(decoder(code))
    OUT/golden/reconstruction.npy   sigmoid(model(x))

Run by the user (TensorFlow cannot be installed on the project's machines):

    python export_seed_ae.py OUT [--epochs 1] [--h-dim 20]

Needs TensorFlow 2 with Keras 2 (TF <= 2.15, or TF >= 2.16 with the tf_keras package and
TF_USE_LEGACY_KERAS=1): the Java side reads the weights by Keras 2's object-graph paths,
encoder/layer_with_weights-<i>/kernel and so on, and the script checks they are there.
"""
import argparse
import os
import sys

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import Sequential, layers


class AE(keras.Model):
    """AE.py: encoder 784-256-128-h_dim, decoder h_dim-128-256-784 (logits)."""

    def __init__(self, h_dim):
        super().__init__()
        self.encoder = Sequential([
            layers.Dense(256, activation=tf.nn.relu),
            layers.Dense(128, activation=tf.nn.relu),
            layers.Dense(h_dim)])
        self.decoder = Sequential([
            layers.Dense(128, activation=tf.nn.relu),
            layers.Dense(256, activation=tf.nn.relu),
            layers.Dense(784)])

    def call(self, inputs, training=None):
        return self.decoder(self.encoder(inputs))


def train(model, x_train, epochs, batch=512, lr=1e-3):
    optimizer = keras.optimizers.Adam(lr)
    data = tf.data.Dataset.from_tensor_slices(x_train).shuffle(batch * 5).batch(batch)
    for epoch in range(epochs):
        for step, x in enumerate(data):
            with tf.GradientTape() as tape:
                logits = model(x)
                loss = tf.reduce_mean(tf.losses.binary_crossentropy(x, logits, from_logits=True))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
            if step % 100 == 0:
                print("epoch %d, step %d, loss %.6f" % (epoch, step, float(loss)))


def check_variable_names(saved, layers_per_half):
    keys = [name for name, _ in tf.train.list_variables(os.path.join(saved, "variables", "variables"))]
    expected = ["%s/layer_with_weights-%d/%s/.ATTRIBUTES/VARIABLE_VALUE" % (half, i, w)
                for half in ("encoder", "decoder") for i in range(layers_per_half) for w in ("kernel", "bias")]
    missing = [k for k in expected if k not in keys]
    if missing:
        sys.exit("this Keras version names the weights otherwise; missing %s; the SavedModel holds %s"
                 % (missing, keys))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="output directory")
    parser.add_argument("--epochs", type=int, default=1, help="epochs to train (0: untrained)")
    parser.add_argument("--h-dim", type=int, default=20, help="width of the code")
    parser.add_argument("--golden", type=int, default=16, help="test images in the golden files")
    args = parser.parse_args()

    tf.random.set_seed(22)
    np.random.seed(22)
    (x_train, _), (x_test, _) = keras.datasets.fashion_mnist.load_data()
    x_train = x_train.reshape(-1, 784).astype(np.float32) / 255.
    x_test = x_test.reshape(-1, 784).astype(np.float32) / 255.

    model = AE(args.h_dim)
    model.build(input_shape=(None, 784))
    train(model, x_train, args.epochs)

    @tf.function(input_signature=[tf.TensorSpec([None, 784], tf.float32)])
    def encode(x):
        return {"code": model.encoder(x)}

    @tf.function(input_signature=[tf.TensorSpec([None, args.h_dim], tf.float32)])
    def decode(z):
        return {"images": tf.sigmoid(model.decoder(z))}

    @tf.function(input_signature=[tf.TensorSpec([None, 784], tf.float32)])
    def reconstruct(x):
        return {"reconstruction": tf.sigmoid(model(x))}

    saved = os.path.join(args.out, "saved_model")
    tf.saved_model.save(model, saved, signatures={
        "encode": encode, "decode": decode, "serving_default": reconstruct})
    check_variable_names(saved, 3)

    golden = os.path.join(args.out, "golden")
    os.makedirs(golden, exist_ok=True)
    x = x_test[:args.golden]
    code = encode(tf.constant(x))["code"].numpy()
    np.save(os.path.join(golden, "x.npy"), x)
    np.save(os.path.join(golden, "code.npy"), code)
    np.save(os.path.join(golden, "images.npy"), decode(tf.constant(code))["images"].numpy())
    np.save(os.path.join(golden, "reconstruction.npy"), reconstruct(tf.constant(x))["reconstruction"].numpy())
    print("wrote %s; check it with: savedmodels parity %s" % (args.out, args.out))


if __name__ == "__main__":
    main()
