// The charts of an assessment round's results, drawn with Chart.js from the JSON beside each
// <canvas data-assessment-chart="id-of-json-script" data-kind="line|radar">:
//   line:  one line per section, the mean of each round (a gap where a round had no figure);
//   radar: the sections' means in this round against the one before (bars side by side when
//          there are fewer than three sections, which a radar cannot draw).
// JSON: {"labels": [...], "series": [{"label": "...", "values": [number|null, ...]}], "max": 4}.
// Every chart has its data table beside it in the page, so the canvas is decorative for
// assistive technology (aria-hidden). Lines differ by dash and point style, not colour alone.
// Right to left (Hebrew, Arabic): time runs from the right, the axis and legend are on the right.
(function () {
  "use strict";
  const styles = getComputedStyle(document.documentElement);
  const color = (name, fallback) => styles.getPropertyValue(name).trim() || fallback;
  const palette = [
    ["--bs-primary", "#0d6efd"],
    ["--bs-success", "#198754"],
    ["--bs-danger", "#dc3545"],
    ["--bs-secondary", "#6c757d"],
    ["--bs-info", "#0dcaf0"],
    ["--bs-warning", "#ffc107"],
  ];
  const dashes = [[], [6, 4], [2, 3], [8, 3, 2, 3], [1, 2], [10, 5]];
  const points = ["circle", "rectRot", "triangle", "rect", "star", "crossRot"];

  function dataset(series, index, radar, bars) {
    const [name, fallback] = palette[index % palette.length];
    const stroke = color(name, fallback);
    return {
      label: series.label,
      data: series.values,
      borderColor: stroke,
      backgroundColor: radar ? stroke + "33" : stroke,
      borderWidth: bars ? 1 : 2,
      fill: radar,
      borderDash: dashes[index % dashes.length],
      pointStyle: points[index % points.length],
      pointRadius: 4,
      spanGaps: false,
      tension: 0.2,
    };
  }

  // Right to left, Chart.js leaves no room for half of the first and last labels on the
  // reversed axis: keep that room on both sides (as charts.js does).
  function halfWidest(canvas, labels) {
    const context = canvas.getContext("2d");
    context.font = `${Chart.defaults.font.size}px ${Chart.defaults.font.family}`;
    const widths = labels.map((label) => context.measureText(label).width);
    return Math.ceil(Math.max(0, ...widths) / 2) + 4;
  }

  function draw(canvas) {
    if (canvas.chart) return;
    const source = document.getElementById(canvas.dataset.assessmentChart);
    if (!source || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    const rtl = document.documentElement.dir === "rtl";
    // A radar needs three axes at least: with fewer sections, bars side by side say the same.
    const radar = canvas.dataset.kind === "radar" && data.labels.length >= 3;
    const bars = canvas.dataset.kind === "radar" && !radar;
    if (radar) canvas.parentNode.style.height = "22rem";
    const room = rtl && !radar ? halfWidest(canvas, data.labels) : 0;
    const direction = rtl ? "rtl" : "ltr";
    const legend = {
      rtl,
      textDirection: direction,
      labels: { boxWidth: 12, usePointStyle: true },
    };
    const scales = radar
      ? { r: { min: 0, max: data.max, ticks: { stepSize: 1 } } }
      : {
          x: {
            reverse: rtl,
            // Isolated (LRI…PDI) so that a title mixing scripts keeps its order.
            ticks: rtl ? { callback(value) { return "\u2068" + this.getLabelForValue(value) + "\u2069"; } } : {},
          },
          y: { min: 0, max: data.max, ticks: { stepSize: 1 }, position: rtl ? "right" : "left" },
        };
    canvas.chart = new Chart(canvas, {
      type: radar ? "radar" : bars ? "bar" : "line",
      data: {
        labels: data.labels,
        datasets: data.series.map((series, index) => dataset(series, index, radar, bars)),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        locale: document.documentElement.lang,
        layout: { padding: room ? { left: room, right: room } : 0 },
        plugins: { legend, tooltip: { rtl, textDirection: direction } },
        scales,
      },
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-assessment-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", () => drawAll());
  document.addEventListener("htmx:afterSettle", (event) => drawAll(event.target));
  document.addEventListener("htmx:historyRestore", () => drawAll());
})();
