// Draws the route's stops in order with a line between them; redraws after each live check.
(function () {
  "use strict";
  var map = null;
  var layer = null;

  function draw() {
    var holder = document.getElementById("route-map");
    var data = document.getElementById("route-points");
    if (!holder || typeof L === "undefined") return;
    var points = data ? JSON.parse(data.textContent) : [];
    if (!map) {
      map = L.map(holder, { scrollWheelZoom: false });
      L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 18,
        attribution: "© OpenStreetMap",
      }).addTo(map);
    }
    if (layer) layer.remove();
    layer = L.layerGroup().addTo(map);
    var line = [];
    points.forEach(function (p, i) {
      var at = [p.lat, p.lon];
      line.push(at);
      L.marker(at, { title: i + 1 + ". " + p.name }).bindTooltip(i + 1 + ". " + p.name).addTo(layer);
    });
    if (line.length > 1) L.polyline(line, { weight: 4 }).addTo(layer);
    if (line.length) map.fitBounds(L.latLngBounds(line).pad(0.3));
    else map.setView([61.5, 90], 3);
    holder.dataset.points = String(points.length);
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.body.addEventListener("htmx:afterSwap", draw);
})();
