(function () {
  "use strict";
  var examples = JSON.parse(document.getElementById("examples").textContent);
  var editor = document.getElementById("query");
  var pick = document.getElementById("example");
  var out = document.getElementById("out");
  var status = document.getElementById("status");
  examples.forEach(function (example, i) {
    var option = document.createElement("option");
    option.value = String(i);
    option.textContent = example.title;
    pick.appendChild(option);
  });
  pick.addEventListener("change", function () {
    if (pick.value !== "") { editor.value = examples[Number(pick.value)].text; }
  });
  document.getElementById("run").addEventListener("click", function () {
    status.textContent = "…";
    out.textContent = "";
    fetch("/sparql", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-query",
                // results of SELECT and ASK as JSON, graphs (CONSTRUCT, DESCRIBE) as Turtle
                "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: editor.value
    }).then(function (response) {
      return response.text().then(function (text) {
        return [response.ok, text, response.headers.get("Content-Type") || ""];
      });
    }).then(function (answer) {
      if (!answer[0]) { status.textContent = answer[1]; return; }
      if (answer[2].indexOf("text/turtle") === 0) {
        var pre = document.createElement("pre");
        pre.textContent = answer[1];
        out.appendChild(pre);
        status.textContent = "Turtle";
        return;
      }
      var data = JSON.parse(answer[1]);
      if (data.boolean !== undefined) { status.textContent = String(data.boolean); return; }
      var vars = data.head.vars, table = document.createElement("table");
      var row = table.insertRow();
      vars.forEach(function (v) {
        var th = document.createElement("th"); th.textContent = v; row.appendChild(th);
      });
      data.results.bindings.forEach(function (binding) {
        var tr = table.insertRow();
        vars.forEach(function (v) {
          tr.insertCell().textContent = binding[v] ? binding[v].value : "";
        });
      });
      out.appendChild(table);
      status.textContent = data.results.bindings.length + " rows";
    }).catch(function (error) { status.textContent = String(error); });
  });
})();
