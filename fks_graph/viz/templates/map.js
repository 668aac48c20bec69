// fks-graph map: draws the embedded map as inline SVG; every text from data is set as text.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fks-data").textContent);
  var ui = data.ui;
  var SVG = "http://www.w3.org/2000/svg";
  var holder = document.getElementById("fks-map");
  var tipBox = document.getElementById("fks-tip");

  function el(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  var svg = el("svg", { "aria-label": document.title }, null);
  holder.insertBefore(svg, holder.firstChild);
  var kreisLayer = el("g", {}, svg);
  var landLayer = el("g", {}, svg);
  var linkLayer = el("g", {}, svg);
  var netLayer = el("g", {}, svg);
  var labelLayer = el("g", { "class": "fks-labels" }, svg);

  // what each drawn element stands for: [kind, index]
  var what = new WeakMap();

  var kreisPaths = data.kreise.map(function (kreis, i) {
    var path = el("path", { d: kreis[2], "class": "fks-kreis" + (kreis[3].length ? " fks-has" : "") }, kreisLayer);
    what.set(path, ["kreis", i]);
    return path;
  });
  data.laender.forEach(function (d) { el("path", { d: d, "class": "fks-land" }, landLayer); });

  var nets = data.networks;
  var circles = nets.map(function (net, i) {
    var circle = el("circle", { cx: net.x, cy: net.y, r: net.r, "class": net.near ? "fks-net fks-near" : "fks-net" }, netLayer);
    what.set(circle, ["net", i]);
    return circle;
  });
  var lines = data.links.map(function (link, i) {
    var a = nets[link[0]], b = nets[link[1]];
    var line = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "class": "fks-link",
      "stroke-width": Math.min(6, 1 + Math.log2(link[2].length)) }, linkLayer);
    what.set(line, ["link", i]);
    return line;
  });

  // colours: by Land or by kind
  function colourBy(key) {
    var colours = data.colors[key];
    circles.forEach(function (circle, i) {
      circle.setAttribute("fill", colours[nets[i][key]] || data.colors.fallback);
    });
    document.getElementById("fks-legend-land").hidden = key !== "land";
    document.getElementById("fks-legend-kind").hidden = key !== "kind";
  }
  document.querySelectorAll("input[name=fks-colour]").forEach(function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) { colourBy(radio.value); } });
  });
  colourBy("land");

  // zoom and pan: the SVG's viewBox; circles keep their size on screen
  var home = data.box;
  var box = home.slice();
  function unitsPerPixel() {
    var rect = svg.getBoundingClientRect();
    return Math.max(box[2] / Math.max(rect.width, 1), box[3] / Math.max(rect.height, 1));
  }
  // names of Kreise and networks, once the map is zoomed in far enough to read them
  var kreisLabels = null, netLabels = null;
  function label(text, x, y, css, dy) {
    var node = el("text", { x: x, y: y, dy: dy, "class": css }, labelLayer);
    node.textContent = text;
    return node;
  }
  function short(name) { return name.length > 32 ? name.slice(0, 31) + "…" : name; }
  function labels(k) {
    var zoomed = k < 0.45;  // about 2.5 times the whole map's scale
    labelLayer.style.display = zoomed ? "" : "none";
    if (!zoomed) { return; }
    if (kreisLabels === null) {
      kreisLabels = data.kreise.map(function (kreis) { return label(kreis[1], kreis[4], kreis[5], "fks-kreis-name", "1.6em"); });
      netLabels = nets.map(function (net) { return label(short(net.name), net.x, net.y, "fks-net-name", "0"); });
      applyFilters();
    }
    labelLayer.setAttribute("font-size", (11 * k).toFixed(3));
    netLabels.forEach(function (text, i) { text.setAttribute("x", (nets[i].x + (nets[i].r + 2) * k).toFixed(2)); });
  }
  function show() {
    svg.setAttribute("viewBox", box.join(" "));
    var k = unitsPerPixel();
    circles.forEach(function (circle, i) { circle.setAttribute("r", (nets[i].r * k).toFixed(3)); });
    labels(k);
  }
  function fit(bounds) {
    box = bounds.slice();
    show();
  }
  function zoom(factor, cx, cy) {
    var next = box[2] * factor;
    if (next < home[2] / 200 || next > home[2] * 4) { return; }
    box = [cx - (cx - box[0]) * factor, cy - (cy - box[1]) * factor, box[2] * factor, box[3] * factor];
    show();
  }
  function toMap(clientX, clientY) {
    var point = svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var at = toMap(event.clientX, event.clientY);
    zoom(event.deltaY > 0 ? 1.2 : 1 / 1.2, at.x, at.y);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("mousedown", function (event) {
    drag = { x: event.clientX, y: event.clientY, box: box.slice(), k: unitsPerPixel() };
    holder.classList.add("fks-dragging");
  });
  window.addEventListener("mouseup", function () { drag = null; holder.classList.remove("fks-dragging"); });
  window.addEventListener("mousemove", function (event) {
    if (!drag) { return; }
    box = [drag.box[0] - (event.clientX - drag.x) * drag.k, drag.box[1] - (event.clientY - drag.y) * drag.k,
      box[2], box[3]];
    show();
  });
  window.addEventListener("resize", show);

  // filters: a Land (its networks and the links between them), actor types of the links
  var landSelect = document.getElementById("fks-land");
  var typeBoxes = document.querySelectorAll("input[data-type]");
  var typeOn = {};
  var netShown = nets.map(function () { return true; });
  function linkActors(link) {
    return link[2].filter(function (a) { return typeOn[data.actors[a][1]] !== false; });
  }
  function applyFilters() {
    var land = landSelect.value;
    typeBoxes.forEach(function (box) { typeOn[box.getAttribute("data-type")] = box.checked; });
    nets.forEach(function (net, i) {
      netShown[i] = !land || net.lands.indexOf(land) >= 0;
      circles[i].style.display = netShown[i] ? "" : "none";
      if (netLabels) { netLabels[i].style.display = netShown[i] ? "" : "none"; }
    });
    data.links.forEach(function (link, i) {
      var shown = netShown[link[0]] && netShown[link[1]] && linkActors(link).length > 0;
      lines[i].style.display = shown ? "" : "none";
    });
  }
  landSelect.addEventListener("change", applyFilters);
  typeBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });

  // tooltips: DOM nodes filled with textContent, never HTML
  function tipLines(kind, i) {
    if (kind === "net") { return nets[i].tip; }
    if (kind === "kreis") {
      var kreis = data.kreise[i];
      var lines = [kreis[1] + " (" + kreis[0] + ")", ui.kreis_networks.replace("{n}", kreis[3].length)];
      kreis[3].slice(0, 12).forEach(function (n) { lines.push("• " + nets[n].name); });
      if (kreis[3].length > 12) { lines.push(ui.more.replace("{n}", kreis[3].length - 12)); }
      return lines;
    }
    var link = data.links[i];
    var actors = linkActors(link);
    var out = [nets[link[0]].name + " – " + nets[link[1]].name,
      actors.length === 1 ? ui.shared_one : ui.shared.replace("{n}", actors.length)];
    actors.slice(0, 12).forEach(function (a) {
      var actor = data.actors[a];
      out.push("• " + actor[0] + " (" + (data.typeLabels[actor[1]] || actor[1]) + ")");
    });
    if (actors.length > 12) { out.push(ui.more.replace("{n}", actors.length - 12)); }
    return out;
  }
  function showTip(lines, clientX, clientY) {
    while (tipBox.firstChild) { tipBox.removeChild(tipBox.firstChild); }
    lines.forEach(function (line, i) {
      var part = document.createElement(i === 0 ? "strong" : "div");
      part.textContent = line;
      tipBox.appendChild(part);
    });
    tipBox.hidden = false;
    var width = tipBox.offsetWidth, height = tipBox.offsetHeight;
    var left = clientX + 14, top = clientY + 14;
    if (left + width > window.innerWidth) { left = Math.max(0, clientX - width - 14); }
    if (top + height > window.innerHeight) { top = Math.max(0, clientY - height - 14); }
    tipBox.style.left = left + "px";
    tipBox.style.top = top + "px";
  }
  svg.addEventListener("mousemove", function (event) {
    if (drag) { tipBox.hidden = true; return; }
    var target = what.get(event.target);
    if (!target) { tipBox.hidden = true; return; }
    showTip(tipLines(target[0], target[1]), event.clientX, event.clientY);
  });
  svg.addEventListener("mouseleave", function () { tipBox.hidden = true; });

  // search: networks by name, then actors in several networks (their networks are marked)
  var search = document.getElementById("fks-search");
  var status = document.getElementById("fks-search-status");
  var list = document.getElementById("fks-labels");
  var names = {};
  nets.forEach(function (net) { names[net.name] = true; });
  data.actors.forEach(function (actor) { names[actor[0]] = true; });
  Object.keys(names).sort().forEach(function (name) {
    var option = document.createElement("option");
    option.value = name;
    list.appendChild(option);
  });
  var hits = [];
  function clearHits() {
    hits.forEach(function (node) { node.classList.remove("fks-hit"); });
    hits = [];
  }
  function mark(node) {
    node.classList.add("fks-hit");
    hits.push(node);
  }
  function find(text) {
    var wanted = text.trim().toLocaleLowerCase();
    if (!wanted) { return null; }
    var groups = [nets.map(function (n) { return n.name; }), data.actors.map(function (a) { return a[0]; })];
    for (var exact = 1; exact >= 0; exact--) {
      for (var g = 0; g < 2; g++) {
        for (var i = 0; i < groups[g].length; i++) {
          var name = groups[g][i].toLocaleLowerCase();
          if (exact ? name === wanted : name.indexOf(wanted) >= 0) { return [g, i]; }
        }
      }
    }
    return null;
  }
  function around(indexes, pad) {
    var xs = indexes.map(function (i) { return nets[i].x; });
    var ys = indexes.map(function (i) { return nets[i].y; });
    var x0 = Math.min.apply(null, xs) - pad, x1 = Math.max.apply(null, xs) + pad;
    var y0 = Math.min.apply(null, ys) - pad, y1 = Math.max.apply(null, ys) + pad;
    var rect = svg.getBoundingClientRect();
    var k = Math.max((x1 - x0) / rect.width, (y1 - y0) / rect.height);
    var w = rect.width * k, h = rect.height * k;
    return [(x0 + x1 - w) / 2, (y0 + y1 - h) / 2, w, h];
  }
  function showAll() {
    landSelect.value = "";
    typeBoxes.forEach(function (box) { box.checked = true; });
    applyFilters();
  }
  // focus network i: zoom to it, draw it on top, mark it
  function focusNetwork(i) {
    if (!netShown[i]) { showAll(); }
    clearHits();
    netLayer.appendChild(circles[i]);
    mark(circles[i]);
    fit(around([i], 100));
    status.textContent = ui.found + ": " + nets[i].name;
  }
  function focusActor(a) {
    showAll();
    clearHits();
    var mine = [];
    data.links.forEach(function (link, i) {
      if (link[2].indexOf(a) >= 0) {
        mark(lines[i]);
        [link[0], link[1]].forEach(function (n) { if (mine.indexOf(n) < 0) { mine.push(n); } });
      }
    });
    mine.forEach(function (n) { netLayer.appendChild(circles[n]); mark(circles[n]); });
    if (mine.length) { fit(around(mine, 30)); }
    status.textContent = ui.found + ": " + data.actors[a][0];
  }
  function go() {
    var hit = find(search.value);
    if (hit === null) {
      status.textContent = ui.not_found;
      return;
    }
    if (hit[0] === 0) { focusNetwork(hit[1]); } else { focusActor(hit[1]); }
  }
  window.fksFocus = function (text) { search.value = text; go(); };
  window.fksFocusNetwork = focusNetwork;
  window.fksMap = { data: data, circles: circles, lines: lines, kreise: kreisPaths, labels: labelLayer,
    box: function () { return box.slice(); } };
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); go(); }
  });
  search.addEventListener("change", go);
  document.getElementById("fks-find").addEventListener("click", go);
  document.getElementById("fks-reset").addEventListener("click", function () {
    showAll();
    clearHits();
    search.value = "";
    status.textContent = "";
    fit(home);
  });

  applyFilters();
  fit(home);
  window.requestAnimationFrame(function () {
    window.fksReady = performance.now();
    document.body.setAttribute("data-ready", "true");
  });
})();
