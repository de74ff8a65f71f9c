// Polls an ingest job's progress and updates the page. Text goes in with textContent only:
// file names and document titles come from untrusted input.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var jobId = box.getAttribute("data-job");

  function setText(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = value === null || value === undefined ? "" : String(value); }
  }

  function fillList(id, items, makeItem) {
    var list = document.getElementById(id);
    if (!list) { return; }
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (item) { list.appendChild(makeItem(item)); });
  }

  function poll() {
    fetch("/api/ingest/" + encodeURIComponent(jobId), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        setText("job-state", job.state);
        setText("job-processed", job.processed);
        setText("job-added", job.added);
        setText("job-skipped", job.skipped);
        setText("job-message", job.message);
        fillList("job-errors", job.errors || [], function (e) {
          var li = document.createElement("li"); li.textContent = e; return li;
        });
        fillList("job-documents", job.documents || [], function (d) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = "/documents/" + encodeURIComponent(d.id);
          a.textContent = d.title || d.file;
          li.appendChild(a);
          return li;
        });
        if (job.state === "queued" || job.state === "running") { setTimeout(poll, 700); }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
