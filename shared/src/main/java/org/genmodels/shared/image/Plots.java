package org.genmodels.shared.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots the seeds draw with matplotlib — learning curves and latent scatters — drawn with
 * XChart, with a title, axis labels and a legend. Rendering needs no display
 * ({@code java.awt.headless}).
 */
public final class Plots {
  /** matplotlib's default colour cycle ({@code tab10}), one colour per class. */
  public static final List<Color> TAB10 = List.of(new Color(0x1f77b4), new Color(0xff7f0e),
      new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b),
      new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf));

  private Plots() {
  }

  /**
   * One line per series over epochs 1, 2, ..., 800×600.
   *
   * @param series name → value per epoch, in legend order
   */
  public static BufferedImage learningCurves(String title, String yLabel, Map<String, double[]> series) {
    return BitmapEncoder.getBufferedImage(learningCurveChart(title, yLabel, series));
  }

  /**
   * The chart of {@link #learningCurves}. Its axes are set here rather than left to XChart, which
   * labels the single tick of a one-epoch curve (or a flat one) with the value's every digit: the
   * y range is the values' range padded by 5 % (by 1 % of the value, or 1, when they are all
   * equal), its labels carry as many decimals as ticks a tenth of the range apart need, and the
   * epoch axis shows whole numbers.
   */
  static XYChart learningCurveChart(String title, String yLabel, Map<String, double[]> series) {
    XYChart chart = new XYChartBuilder().width(800).height(600).title(title).xAxisTitle("epoch")
        .yAxisTitle(yLabel).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(5);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int epochs = 0;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      double[] epochNumbers = new double[e.getValue().length];
      for (int i = 0; i < epochNumbers.length; i++) {
        epochNumbers[i] = i + 1;
        if (Double.isFinite(e.getValue()[i])) {
          min = Math.min(min, e.getValue()[i]);
          max = Math.max(max, e.getValue()[i]);
        }
      }
      epochs = Math.max(epochs, epochNumbers.length);
      chart.addSeries(e.getKey(), epochNumbers, e.getValue());
    }
    if (min <= max) {
      double pad = max > min ? 0.05 * (max - min) : Math.max(0.01 * Math.abs(max), 1e-9);
      if (max == min && Math.abs(max) < 1e-9) {
        pad = 1;
      }
      chart.getStyler().setYAxisMin(min - pad);
      chart.getStyler().setYAxisMax(max + pad);
      chart.getStyler().setYAxisDecimalPattern(decimalPattern((max - min + 2 * pad) / 10));
    }
    chart.getStyler().setXAxisDecimalPattern("#");
    chart.getStyler().setXAxisMin(epochs > 1 ? 1.0 : 0.0);
    chart.getStyler().setXAxisMax(epochs > 1 ? (double) epochs : 2.0);
    return chart;
  }

  /** A pattern with the decimals that tell apart ticks {@code step} apart: {@code #,##0.00} for 0.01. */
  static String decimalPattern(double step) {
    int decimals = step >= 1 ? 0 : Math.min(8, (int) Math.ceil(-Math.log10(step)));
    return decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
  }

  /**
   * A scatter of points coloured by class, one legend entry per class present, 800×700.
   *
   * @param classes    the class of each point, 0..classNames.size()-1
   * @param classNames legend labels
   * @param colors     one colour per class
   */
  public static BufferedImage scatter(String title, String xLabel, String yLabel, float[] x, float[] y,
      int[] classes, List<String> classNames, List<Color> colors) {
    if (x.length != y.length || x.length != classes.length) {
      throw new IllegalArgumentException("x, y and classes differ in length: " + x.length + ", "
          + y.length + ", " + classes.length);
    }
    XYChart chart = new XYChartBuilder().width(800).height(700).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(3);
    for (int c = 0; c < classNames.size(); c++) {
      List<Float> xs = new ArrayList<>();
      List<Float> ys = new ArrayList<>();
      for (int i = 0; i < classes.length; i++) {
        if (classes[i] == c) {
          xs.add(x[i]);
          ys.add(y[i]);
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      XYSeries s = chart.addSeries(classNames.get(c), xs, ys);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(colors.get(c % colors.size()));
    }
    return BitmapEncoder.getBufferedImage(chart);
  }
}
