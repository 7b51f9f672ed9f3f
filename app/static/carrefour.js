/* Progressive enhancements only: every page works without this file. */
(function () {
  "use strict";

  // "Use my location": fill the location field with the browser's coordinates.
  var button = document.querySelector("button.locate");
  var near = document.getElementById("near");
  if (button && near && "geolocation" in navigator) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-locating");
      navigator.geolocation.getCurrentPosition(function (position) {
        near.value = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
        button.textContent = label;
      }, function () {
        button.textContent = button.getAttribute("data-failed");
      }, { timeout: 10000, maximumAge: 600000 });
    });
  }

  // The map of the results: Leaflet is fetched only when the map is shown (it is the heaviest file).
  var map = document.getElementById("map");
  if (!map) { return; }
  function load(url, tag) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      if (tag === "script") { element.src = url; } else { element.rel = "stylesheet"; element.href = url; }
      element.onload = resolve; element.onerror = reject;
      document.head.appendChild(element);
    });
  }
  function draw() {
    var markers = JSON.parse(map.getAttribute("data-markers") || "[]");
    var view = L.map(map, { scrollWheelZoom: false });
    var tiles = map.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: map.getAttribute("data-attribution") || "" }).addTo(view);
    }
    var bounds = [];
    markers.forEach(function (m) {
      var marker = L.marker([m.lat, m.lon], { title: m.name, alt: m.name }).addTo(view);
      var link = document.createElement("a");
      link.href = m.url; link.textContent = m.name;
      marker.bindPopup(link);
      bounds.push([m.lat, m.lon]);
    });
    if (bounds.length) { view.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 }); }
  }
  function show() {
    map.classList.add("shown");
    load(map.getAttribute("data-leaflet-css"), "link")
      .then(function () { return load(map.getAttribute("data-leaflet"), "script"); })
      .then(draw)
      .catch(function () { map.classList.remove("shown"); });
  }
  if (window.matchMedia("(min-width: 60em)").matches) {
    show();
  } else {
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.textContent = map.getAttribute("data-show");
    toggle.addEventListener("click", function () { toggle.remove(); show(); });
    map.parentNode.insertBefore(toggle, map);
  }
})();
