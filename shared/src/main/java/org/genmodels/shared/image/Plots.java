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
    XYChart chart = new XYChartBuilder().width(800).height(600).title(title).xAxisTitle("epoch")
        .yAxisTitle(yLabel).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(5);
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      double[] epochs = new double[e.getValue().length];
      for (int i = 0; i < epochs.length; i++) {
        epochs[i] = i + 1;
      }
      chart.addSeries(e.getKey(), epochs, e.getValue());
    }
    return BitmapEncoder.getBufferedImage(chart);
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
