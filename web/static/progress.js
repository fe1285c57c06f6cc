// Poll the batch's progress and redraw the bar and the per-file table. Text goes in with
// textContent only: file names and reasons are data, never markup.
(function () {
  var box = document.getElementById("job");
  if (!box) return;
  var id = box.getAttribute("data-job");
  var labels = {queued: "Đang chờ", running: "Đang xử lý", done: "Hoàn tất", failed: "Lỗi"};
  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  function draw(job) {
    var st = document.getElementById("job-state");
    st.textContent = labels[job.state] || job.state;
    st.setAttribute("data-state", job.state);
    document.getElementById("job-count").textContent = job.done + "/" + job.total;
    var bar = document.getElementById("job-bar");
    bar.max = Math.max(1, job.total);
    bar.value = job.done;
    document.getElementById("job-error").textContent = job.error || "";
    var body = document.querySelector("#job-files tbody");
    body.textContent = "";
    job.files.forEach(function (f) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-rel", f.rel);
      cell(tr, f.name);
      cell(tr, f.status, "st st-" + f.status);
      cell(tr, f.reason);
      cell(tr, f.pages, "num");
      cell(tr, f.seconds, "num");
      var td = cell(tr, "");
      if (f.plan_id) {
        var a = document.createElement("a");
        a.href = "/van-ban/" + encodeURIComponent(f.plan_id);
        a.textContent = "xem";
        td.appendChild(a);
      }
      body.appendChild(tr);
    });
  }
  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(id), {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (job) {
        draw(job);
        if (job.state === "queued" || job.state === "running") setTimeout(poll, 500);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
