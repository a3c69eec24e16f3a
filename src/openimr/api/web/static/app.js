// The workbench's little script: job progress without a frozen page, evidence links that
// flash the span they point to. No framework, no build step.
(function () {
  "use strict";
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }
  function pollJob(box) {
    var id = box.getAttribute("data-job");
    var label = box.querySelector(".progress");
    function tick() {
      fetch("/api/jobs/" + id, { headers: { "Accept": "application/json", "X-CSRF-Token": csrf() } })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (label && job.progress) { label.textContent = job.progress + " (" + job.state + ")"; }
          if (job.state === "done") { window.location.reload(); }
          else if (job.state !== "failed") { setTimeout(tick, 1000); }
        })
        .catch(function () { setTimeout(tick, 2000); });
    }
    tick();
  }
  function flash(evt) {
    var id = (evt.currentTarget.getAttribute("href") || "").slice(1);
    var el = document.getElementById(id);
    if (!el) { return; }
    document.querySelectorAll("mark.hit").forEach(function (m) { m.classList.remove("hit"); });
    el.classList.add("hit");
    el.focus({ preventScroll: false });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("job");
    if (box && box.getAttribute("data-job")) { pollJob(box); }
    document.querySelectorAll("a.evlink").forEach(function (a) { a.addEventListener("click", flash); });
  });
})();
