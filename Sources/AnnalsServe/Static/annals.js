// The workbench's behaviour: name suggestions in the search box, the map of
// sites (Leaflet) and the force layout of a neighbourhood (d3 v3). Every
// text from the store is set as text (textContent), never as markup.
(function () {
  "use strict";

  // Suggestions as the historian types, from /api/suggest, for every
  // field that asks for them (the search box, a merge's other name).
  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), function (field) {
    var names = document.getElementById(field.getAttribute("list"));
    if (!names) { return; }
    var pending = null;
    field.addEventListener("input", function () {
      var prefix = field.value.trim();
      if (pending) { clearTimeout(pending); }
      if (!prefix) { return; }
      pending = setTimeout(function () {
        fetch("/api/suggest?q=" + encodeURIComponent(prefix)).then(function (response) { return response.json(); }).then(function (found) {
          names.textContent = "";
          found.suggestions.forEach(function (suggestion) {
            var option = document.createElement("option");
            option.value = suggestion.name;
            option.label = suggestion.name + " (" + suggestion.type + ")";
            names.appendChild(option);
          });
        }).catch(function () {});
      }, 150);
    });
  });

  // The map of sites: the rows of the table carry the points.
  var map = document.getElementById("map");
  if (map && window.L) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-lat]"));
    var leaflet = L.map(map, { attributionControl: false });
    var points = [];
    var atPlace = {};
    rows.forEach(function (row) {
      var point = [parseFloat(row.dataset.lat), parseFloat(row.dataset.lng)];
      // Sites placed at their county's point would hide one another: the
      // second and later go round it on a small circle.
      var key = row.dataset.lat + "," + row.dataset.lng;
      var before = atPlace[key] || 0;
      atPlace[key] = before + 1;
      if (before > 0) {
        var angle = before * 2.4;
        point = [point[0] + 0.012 * Math.sin(angle), point[1] + 0.012 * Math.cos(angle)];
      }
      points.push(point);
      var marker = L.circleMarker(point, { radius: 7, color: "#a2327f", weight: 2, fillOpacity: 0.6 }).addTo(leaflet);
      var label = document.createElement("span");
      label.textContent = row.dataset.name;
      marker.bindTooltip(label);
      marker.on("click", function () { window.location.href = row.dataset.href; });
    });
    if (points.length) { leaflet.fitBounds(points, { padding: [30, 30], maxZoom: 10 }); } else { leaflet.setView([29.5, 108.5], 6); }
    L.control.scale().addTo(leaflet);
  }

  // The force layout of a neighbourhood.
  var graph = document.getElementById("graph");
  if (graph && window.d3) {
    d3.json(graph.dataset.src, function (error, data) {
      if (error) { graph.textContent = "The graph could not be loaded."; return; }
      var width = graph.clientWidth, height = graph.clientHeight;
      var byID = {};
      data.nodes.forEach(function (node) { byID[node.id] = node; });
      var links = data.links.filter(function (link) { return byID[link.source] && byID[link.target]; })
        .map(function (link) { return { source: byID[link.source], target: byID[link.target], type: link.label }; });
      var colours = { person: "#b5462f", place: "#2f6db5", organisation: "#5b8a2f", site: "#a2327f", work: "#8a6d1f", event: "#555", article: "#999", report: "#bbb" };
      var svg = d3.select(graph).append("svg").attr("width", width).attr("height", height);
      var force = d3.layout.force().nodes(data.nodes).links(links).size([width, height]).charge(-180).linkDistance(60).start();
      var line = svg.selectAll("line").data(links).enter().append("line");
      var node = svg.selectAll("g.node").data(data.nodes).enter().append("g").attr("class", "node").call(force.drag);
      node.append("circle").attr("r", function (d) { return d.type === "event" ? 5 : 7; })
        .attr("fill", function (d) { return colours[d.type] || "#777"; })
        .on("click", function (d) {
          if (d3.event.defaultPrevented) { return; }
          if (d.node_key) { window.location.href = "/entity/" + encodeURIComponent(d.node_key); }
        });
      node.append("title").text(function (d) { return d.type + ": " + (d.summary || d.title || d.name || d.label); });
      node.append("text").attr("dx", 9).attr("dy", 4).text(function (d) { return d.label; });
      force.on("tick", function () {
        line.attr("x1", function (d) { return d.source.x; }).attr("y1", function (d) { return d.source.y; })
          .attr("x2", function (d) { return d.target.x; }).attr("y2", function (d) { return d.target.y; });
        node.attr("transform", function (d) { return "translate(" + d.x + "," + d.y + ")"; });
      });
    });
  }
})();
