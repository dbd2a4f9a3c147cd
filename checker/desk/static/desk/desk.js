// Finding ↔ place: a click on a finding scrolls the document to its line; a mark in the
// document scrolls the list to its finding. Nothing else, and nothing loaded from elsewhere.
document.addEventListener("click", function (event) {
  var target = event.target;
  if (!(target instanceof Element)) return;
  if (target.closest("button, input, textarea, label, select")) return;
  var finding = target.closest(".finding");
  if (finding && finding.dataset.line) {
    var place = document.getElementById("L" + finding.dataset.line);
    if (place) {
      document.querySelectorAll(".sel").forEach(function (el) { el.classList.remove("sel"); });
      place.classList.add("sel");
      place.scrollIntoView({ block: "center" });
    }
  }
});
