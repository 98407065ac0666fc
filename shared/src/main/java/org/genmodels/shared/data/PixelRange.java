package org.genmodels.shared.data;

/** How 8-bit pixels become floats: the seeds use [0, 1] ({@code x / 255.}) or [-1, 1]. */
public enum PixelRange {
  /** {@code x / 255}: the dense AE and VAE. */
  UNIT,
  /** {@code x / 255 * 2 - 1}: the Paddle conv VAE and the DDPM. */
  SYMMETRIC;

  float toFloat(byte b) {
    float unit = (b & 0xFF) / 255f;
    return this == UNIT ? unit : unit * 2f - 1f;
  }
}
