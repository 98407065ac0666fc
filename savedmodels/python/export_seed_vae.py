"""Rebuild the seed's Keras VAE (VAE.py of seed 000), train it briefly, and write what
`savedmodels parity` checks the Java VAE against:

    OUT/saved_model/        the SavedModel: signatures encode (x -> z_mean, z_log_var),
                            decode (z -> images), serving_default (x -> reconstruction = the images
                            of the means) and sample (count, seed -> images), the Java export's names
    OUT/golden/x.npy        the first --golden Fashion-MNIST test images, float32 [n, 784] in [0, 1]
    OUT/golden/z_mean.npy, z_log_var.npy   encode(x)
    OUT/golden/z.npy        standard normal latents (numpy, seed 22); images.npy = decode(z)
    OUT/golden/reconstruction.npy          serving_default(x)
    OUT/golden/count.npy, seed.npy, sample.npy   sample(count, seed): z is TF's StatelessRandomNormal
                            keyed by [seed, 0], the op the Java VAE samples with, so Java must agree

Run by the user (TensorFlow cannot be installed on the project's machines):

    python export_seed_vae.py OUT [--epochs 1] [--z-dim 10]

Needs TensorFlow 2 with Keras 2 (TF <= 2.15, or TF >= 2.16 with the tf_keras package and
TF_USE_LEGACY_KERAS=1); the Java side reads the weights by object-graph paths fc1/kernel ...
fc5/bias, and the script checks they are there.
"""
import argparse
import os
import sys

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class VAE(keras.Model):
    """VAE.py: fc1 (128, relu) -> fc2 mu, fc3 log_var; fc4 (128, relu) -> fc5 (784 logits)."""

    def __init__(self, z_dim):
        super().__init__()
        self.fc1 = layers.Dense(128)
        self.fc2 = layers.Dense(z_dim)
        self.fc3 = layers.Dense(z_dim)
        self.fc4 = layers.Dense(128)
        self.fc5 = layers.Dense(784)

    def encoder(self, x):
        h = tf.nn.relu(self.fc1(x))
        return self.fc2(h), self.fc3(h)

    def decoder(self, z):
        return self.fc5(tf.nn.relu(self.fc4(z)))

    def call(self, inputs, training=None):
        mu, log_var = self.encoder(inputs)
        z = mu + tf.exp(log_var) ** 0.5 * tf.random.normal(tf.shape(log_var))
        return self.decoder(z), mu, log_var


def train(model, x_train, epochs, batch=512, lr=1e-3):
    optimizer = keras.optimizers.Adam(lr)
    data = tf.data.Dataset.from_tensor_slices(x_train).shuffle(batch * 5).batch(batch)
    for epoch in range(epochs):
        for step, x in enumerate(data):
            with tf.GradientTape() as tape:
                logits, mu, log_var = model(x)
                n = tf.cast(tf.shape(x)[0], tf.float32)
                rec = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(labels=x, logits=logits)) / n
                kl = tf.reduce_sum(-0.5 * (log_var + 1 - mu ** 2 - tf.exp(log_var))) / n
                loss = rec + kl
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
            if step % 100 == 0:
                print("epoch %d, step %d, rec %.3f, kl %.3f" % (epoch, step, float(rec), float(kl)))


def check_variable_names(saved):
    keys = [name for name, _ in tf.train.list_variables(os.path.join(saved, "variables", "variables"))]
    expected = ["fc%d/%s/.ATTRIBUTES/VARIABLE_VALUE" % (i, w) for i in range(1, 6) for w in ("kernel", "bias")]
    missing = [k for k in expected if k not in keys]
    if missing:
        sys.exit("this Keras version names the weights otherwise; missing %s; the SavedModel holds %s"
                 % (missing, keys))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="output directory")
    parser.add_argument("--epochs", type=int, default=1, help="epochs to train (0: untrained)")
    parser.add_argument("--z-dim", type=int, default=10, help="latent dimensions")
    parser.add_argument("--golden", type=int, default=16, help="test images in the golden files")
    args = parser.parse_args()

    tf.random.set_seed(22)
    np.random.seed(22)
    (x_train, _), (x_test, _) = keras.datasets.fashion_mnist.load_data()
    x_train = x_train.reshape(-1, 784).astype(np.float32) / 255.
    x_test = x_test.reshape(-1, 784).astype(np.float32) / 255.

    model = VAE(args.z_dim)
    model.build(input_shape=(None, 784))
    train(model, x_train, args.epochs)

    @tf.function(input_signature=[tf.TensorSpec([None, 784], tf.float32)])
    def encode(x):
        mu, log_var = model.encoder(x)
        return {"z_mean": mu, "z_log_var": log_var}

    @tf.function(input_signature=[tf.TensorSpec([None, args.z_dim], tf.float32)])
    def decode(z):
        return {"images": tf.sigmoid(model.decoder(z))}

    @tf.function(input_signature=[tf.TensorSpec([None, 784], tf.float32)])
    def reconstruct(x):
        mu, _ = model.encoder(x)
        return {"reconstruction": tf.sigmoid(model.decoder(mu))}

    @tf.function(input_signature=[tf.TensorSpec([], tf.int32), tf.TensorSpec([], tf.int64)])
    def sample(count, seed):
        shape = tf.stack([count, tf.constant(args.z_dim, tf.int32)])
        key = tf.stack([seed, tf.constant(0, tf.int64)])
        z = tf.raw_ops.StatelessRandomNormal(shape=shape, seed=key, dtype=tf.float32)
        return {"images": tf.sigmoid(model.decoder(z))}

    saved = os.path.join(args.out, "saved_model")
    tf.saved_model.save(model, saved, signatures={
        "encode": encode, "decode": decode, "serving_default": reconstruct, "sample": sample})
    check_variable_names(saved)

    golden = os.path.join(args.out, "golden")
    os.makedirs(golden, exist_ok=True)
    x = x_test[:args.golden]
    z = np.random.RandomState(22).standard_normal((args.golden, args.z_dim)).astype(np.float32)
    encoded = encode(tf.constant(x))
    count, seed = np.int32(args.golden), np.int64(42)
    np.save(os.path.join(golden, "x.npy"), x)
    np.save(os.path.join(golden, "z_mean.npy"), encoded["z_mean"].numpy())
    np.save(os.path.join(golden, "z_log_var.npy"), encoded["z_log_var"].numpy())
    np.save(os.path.join(golden, "z.npy"), z)
    np.save(os.path.join(golden, "images.npy"), decode(tf.constant(z))["images"].numpy())
    np.save(os.path.join(golden, "reconstruction.npy"), reconstruct(tf.constant(x))["reconstruction"].numpy())
    np.save(os.path.join(golden, "count.npy"), count)
    np.save(os.path.join(golden, "seed.npy"), seed)
    np.save(os.path.join(golden, "sample.npy"), sample(tf.constant(count), tf.constant(seed))["images"].numpy())
    print("wrote %s; check it with: savedmodels parity %s" % (args.out, args.out))


if __name__ == "__main__":
    main()
