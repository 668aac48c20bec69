// fks-graph page: draws the embedded view with vis-network; every text from data is set as text.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fks-data").textContent);
  var ui = data.ui;

  // A tooltip as DOM nodes filled with textContent: vis-network shows an Element as it is,
  // so no text from the data is ever parsed as HTML.
  function tip(lines) {
    var box = document.createElement("div");
    box.className = "fks-tip";
    lines.forEach(function (line, i) {
      var part = document.createElement(i === 0 ? "strong" : "div");
      part.textContent = line;
      box.appendChild(part);
    });
    return box;
  }

  data.nodes.forEach(function (node) { node.title = tip(node.tip); });
  data.edges.forEach(function (edge) { edge.title = tip([edge.tip]); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;
  window.fksNodes = nodes;
  window.fksEdges = edges;

  function ready() {
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    window.fksReady = performance.now();
    document.body.setAttribute("data-ready", "true");
  }
  if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", ready);
  } else {
    network.once("afterDrawing", ready);
  }

  // filters: legend groups (actor types, networks), Land, kinds of edge
  var groupBoxes = document.querySelectorAll("input[data-group]");
  var edgeBoxes = document.querySelectorAll("input[data-edge-kind]");
  var landSelect = document.getElementById("fks-land");

  function checked(boxes, attribute) {
    var on = {};
    boxes.forEach(function (box) { on[box.getAttribute(attribute)] = box.checked; });
    return on;
  }

  function applyFilters() {
    var groups = checked(groupBoxes, "data-group");
    var kinds = checked(edgeBoxes, "data-edge-kind");
    var land = landSelect.value;
    nodes.update(data.nodes.map(function (node) {
      var shown = groups[node.fksGroup] !== false && (!land || node.lands.indexOf(land) >= 0);
      return { id: node.id, hidden: !shown };
    }));
    edges.update(data.edges.map(function (edge) {
      return { id: edge.id, hidden: kinds[edge.fksKind] === false };
    }));
  }
  groupBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  edgeBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  landSelect.addEventListener("change", applyFilters);

  // search: the datalist offers every label; Enter or the button focuses the node
  var search = document.getElementById("fks-search");
  var status = document.getElementById("fks-search-status");
  var list = document.getElementById("fks-labels");
  var byLabel = {};
  data.nodes.forEach(function (node) {
    var key = node.name.toLocaleLowerCase();
    (byLabel[key] = byLabel[key] || []).push(node.id);
  });
  Object.keys(byLabel).sort().forEach(function (key) {
    var option = document.createElement("option");
    option.value = nodes.get(byLabel[key][0]).name;
    list.appendChild(option);
  });

  function find(text) {
    var wanted = text.trim().toLocaleLowerCase();
    if (!wanted) { return null; }
    if (byLabel[wanted]) { return byLabel[wanted][0]; }
    var hit = null;
    data.nodes.some(function (node) {
      if (node.name.toLocaleLowerCase().indexOf(wanted) >= 0) { hit = node.id; return true; }
      return false;
    });
    return hit;
  }

  function focusNode(id) {
    var node = nodes.get(id);
    if (node.hidden) {
      groupBoxes.forEach(function (box) { box.checked = true; });
      landSelect.value = "";
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    status.textContent = ui.found + ": " + node.name;
  }

  function go() {
    var id = find(search.value);
    if (id === null) {
      status.textContent = ui.not_found;
      return;
    }
    focusNode(id);
  }
  window.fksFocus = function (text) { search.value = text; go(); };
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); go(); }
  });
  search.addEventListener("change", go);
  document.getElementById("fks-find").addEventListener("click", go);
  document.getElementById("fks-reset").addEventListener("click", function () {
    groupBoxes.forEach(function (box) { box.checked = true; });
    edgeBoxes.forEach(function (box) { box.checked = true; });
    landSelect.value = "";
    search.value = "";
    status.textContent = "";
    applyFilters();
    network.unselectAll();
    network.fit({ animation: false });
  });
})();
