/* The stakeholder map: draws the graph of the page's JSON (json_script "stakeholder-map-data")
 * with cytoscape.js, shaped and coloured by sector, edges styled by kind (the same styles the
 * legend shows), and offers the picture as a PNG. The table below the map says the same in
 * words: it is the accessible alternative to this picture. */
(function () {
  "use strict";

  var container = document.getElementById("stakeholder-map");
  var source = document.getElementById("stakeholder-map-data");
  if (!container || !source || typeof window.cytoscape !== "function") {
    return;
  }
  // Cytoscape adds a <style> element of its own unless one with this id exists; the
  // Content-Security-Policy refuses it, so the rule is in app.css and this marks it as there.
  var SHEET = "__________cytoscape_stylesheet";
  if (!document.getElementById(SHEET)) {
    var marker = document.createElement("meta");
    marker.id = SHEET;
    document.head.appendChild(marker);
  }

  var data = JSON.parse(source.textContent);
  var styles = data.styles;
  var elements = [];
  data.nodes.forEach(function (node) {
    elements.push({
      group: "nodes",
      data: { id: "o" + node.id, label: node.name, sector: node.sector },
      classes: node.former ? "former" : ""
    });
  });
  data.edges.forEach(function (edge, index) {
    elements.push({
      group: "edges",
      data: {
        id: "e" + index,
        source: "o" + edge.source,
        target: "o" + edge.target,
        kind: edge.kind
      },
      classes: edge.directed ? "directed" : ""
    });
  });

  var style = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "font-size": 10,
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-wrap": "ellipsis",
        "text-max-width": 140,
        width: 24,
        height: 24,
        "border-width": 1,
        "border-color": "#222222",
        "background-color": "#888888"
      }
    },
    { selector: "node.former", style: { "background-opacity": 0.35, "border-style": "dashed" } },
    {
      selector: "edge",
      style: { width: 2, "curve-style": "bezier", "line-color": "#999999", opacity: 0.8 }
    },
    { selector: "edge.directed", style: { "target-arrow-shape": "triangle", "arrow-scale": 0.8 } }
  ];
  Object.keys(styles.sectors).forEach(function (sector) {
    style.push({
      selector: 'node[sector = "' + sector + '"]',
      style: {
        "background-color": styles.sectors[sector].colour,
        shape: styles.sectors[sector].shape
      }
    });
  });
  Object.keys(styles.kinds).forEach(function (kind) {
    var look = styles.kinds[kind];
    style.push({
      selector: 'edge[kind = "' + kind + '"]',
      style: {
        "line-color": look.colour,
        "target-arrow-color": look.colour,
        "line-style": look.line
      }
    });
  });

  var many = data.nodes.length > 150;
  var cy = window.cytoscape({
    container: container,
    elements: elements,
    style: style,
    layout: many
      ? { name: "concentric", animate: false, minNodeSpacing: 4 }
      : { name: "cose", animate: false, randomize: false, nodeRepulsion: 8000 },
    wheelSensitivity: 0.3
  });
  container.setAttribute("data-nodes-drawn", String(cy.nodes().length));
  container.setAttribute("data-edges-drawn", String(cy.edges().length));

  var button = document.getElementById("map-png");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var blob = cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2 });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = button.getAttribute("data-filename") || "map.png";
      document.body.appendChild(link);
      link.click();
      window.setTimeout(function () {
        URL.revokeObjectURL(link.href);
        link.remove();
      }, 1000);
    });
  }
})();
