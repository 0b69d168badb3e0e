// Draws every <canvas data-chart="id-of-json-script"> with Chart.js: the shared figure per
// period against its targets and the baseline. Runs on load and after every htmx swap.
// A provisional figure (too few organizations have reported yet) is a hollow point, and the
// legend says so; the data table beside the chart says it in words.
// Each chart has its data table beside it in the page (accessibility), so the canvas is
// decorative for assistive technology (aria-hidden on the canvas).
(function () {
  "use strict";
  const styles = getComputedStyle(document.documentElement);
  const color = (name, fallback) => styles.getPropertyValue(name).trim() || fallback;

  function halfWidest(canvas, labels) {
    const context = canvas.getContext("2d");
    context.font = `${Chart.defaults.font.size}px ${Chart.defaults.font.family}`;
    const widths = labels.map((label) => context.measureText(label).width);
    return Math.ceil(Math.max(0, ...widths) / 2) + 4;
  }

  function draw(canvas) {
    if (canvas.chart) return;
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    const rtl = document.documentElement.dir === "rtl";
    const labels = data.names || {};
    const room = rtl ? halfWidest(canvas, data.labels) : 0;
    const primary = color("--bs-primary", "#0d6efd");
    const provisional = data.provisional || [];
    const hollow = color("--bs-body-bg", "#ffffff");
    const datasets = [
      {
        label: labels.value || "Value",
        data: data.values,
        borderColor: primary,
        backgroundColor: primary,
        pointBackgroundColor: data.values.map((_, i) => (provisional[i] ? hollow : primary)),
        pointRadius: data.values.map((_, i) => (provisional[i] ? 5 : 3)),
        pointBorderWidth: data.values.map((_, i) => (provisional[i] ? 2 : 1)),
        pointStyle: "circle",
        spanGaps: true,
        tension: 0.2,
      },
    ];
    if (provisional.some((flag, i) => flag && data.values[i] !== null)) {
      // A legend entry alone: a hollow circle and its words.
      datasets.push({
        label: labels.provisional || "Provisional",
        data: [],
        borderColor: primary,
        backgroundColor: hollow,
        pointStyle: "circle",
        pointBorderWidth: 2,
        showLine: false,
      });
    }
    if (data.targets.some((value) => value !== null)) {
      datasets.push({
        label: labels.target || "Target",
        data: data.targets,
        borderColor: color("--bs-success", "#198754"),
        backgroundColor: color("--bs-success", "#198754"),
        borderDash: [6, 4],
        pointStyle: "rectRot",
        spanGaps: true,
      });
    }
    if (data.baseline !== null) {
      datasets.push({
        label: labels.baseline || "Baseline",
        data: data.labels.map(() => data.baseline),
        borderColor: color("--bs-secondary", "#6c757d"),
        borderDash: [2, 3],
        pointRadius: 0,
      });
    }
    canvas.chart = new Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        locale: document.documentElement.lang,
        // Reversed, Chart.js leaves no room for half of the first and last labels, which it
        // cuts at both edges: keep that room on both sides.
        layout: { padding: rtl ? { left: room, right: room } : 0 },
        plugins: {
          legend: {
            rtl,
            textDirection: rtl ? "rtl" : "ltr",
            labels: { boxWidth: 12, usePointStyle: true },
          },
          tooltip: { rtl, textDirection: rtl ? "rtl" : "ltr" },
        },
        scales: {
          // Right to left, time runs from the right (beside the y axis, which is on the right).
          // Labels such as "2026 Q1" drawn right to left read "Q1 2026": isolate them (LRI…PDI).
          x: {
            reverse: rtl,
            ticks: rtl ? { callback(value) { return "\u2066" + this.getLabelForValue(value) + "\u2069"; } } : {},
          },
          y: {
            beginAtZero: true,
            position: rtl ? "right" : "left",
            ticks: data.percentage ? { callback: (value) => value + "%" } : {},
          },
        },
      },
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", () => drawAll());
  document.addEventListener("htmx:afterSettle", (event) => drawAll(event.target));
  // Back and forward restore the page from htmx's history cache: canvases come back blank,
  // and the filters must say what the restored address says.
  document.addEventListener("htmx:historyRestore", () => {
    const params = new URLSearchParams(location.search);
    document.querySelectorAll("form[hx-push-url] select").forEach((select) => {
      const byDefault = select.querySelector("option[selected]") || select.options[0];
      select.value = params.get(select.name) ?? (byDefault ? byDefault.value : "");
    });
    drawAll();
  });
})();
