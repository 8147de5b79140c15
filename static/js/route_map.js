// Draws the route's stops in order, each day's leg as its own line and the overnight moves
// between days dashed; redraws after each live check. The tile server and its credit come
// from settings through the holder's data attributes (MAP_TILE_URL, MAP_TILE_ATTRIBUTION).
(function () {
  "use strict";
  var map = null;
  var layer = null;
  var DAY_COLOURS = ["#1f5fa8", "#b4462b", "#2f7d3b", "#7a3fa0", "#a86d00"];

  function draw() {
    var holder = document.getElementById("route-map");
    var data = document.getElementById("route-points");
    if (!holder || typeof L === "undefined") return;
    var points = data ? JSON.parse(data.textContent) : [];
    if (!map) {
      // Leaflet guesses its marker images' folder from leaflet.css's name, which hashed static
      // names (collectstatic's manifest) break: say where they are.
      if (holder.dataset.markerImages) L.Icon.Default.imagePath = holder.dataset.markerImages;
      map = L.map(holder, { scrollWheelZoom: false });
      if (holder.dataset.tileUrl) {
        L.tileLayer(holder.dataset.tileUrl, {
          maxZoom: 18,
          attribution: holder.dataset.tileAttribution || "",
        }).addTo(map);
      }
    }
    if (layer) layer.remove();
    layer = L.layerGroup().addTo(map);
    var all = [];
    var legs = [];
    points.forEach(function (p, i) {
      var at = [p.lat, p.lon];
      var day = p.day || 1;
      var leg = legs.length ? legs[legs.length - 1] : null;
      if (!leg || leg.day !== day) {
        if (leg) L.polyline([leg.line[leg.line.length - 1], at], { weight: 3, dashArray: "6 8", color: "#5b6b7a" }).addTo(layer);
        leg = { day: day, line: [] };
        legs.push(leg);
      }
      leg.line.push(at);
      all.push(at);
      var label = i + 1 + ". " + p.name + (day > 1 || legs.length > 1 ? " (" + day + ")" : "");
      L.marker(at, { title: label }).bindTooltip(label).addTo(layer);
    });
    legs.forEach(function (leg) {
      if (leg.line.length > 1) {
        L.polyline(leg.line, { weight: 4, color: DAY_COLOURS[(leg.day - 1) % DAY_COLOURS.length] }).addTo(layer);
      }
    });
    if (all.length) map.fitBounds(L.latLngBounds(all).pad(0.3));
    else map.setView([61.5, 90], 3);
    holder.dataset.points = String(points.length);
    holder.dataset.legs = String(legs.length);
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.body.addEventListener("htmx:afterSwap", draw);
})();
