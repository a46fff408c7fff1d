/* lumbar's small script. Every page works without it; it adds:
 * - charts: Vega-Lite specs built by the server, drawn by vega-embed;
 * - the import page's drag and drop and upload progress;
 * - a print button and confirmations before deleting.
 * No inline scripts or handlers: the Content-Security-Policy forbids them. */
(function () {
  "use strict";

  function drawCharts(root) {
    if (typeof window.vegaEmbed !== "function") {
      return;
    }
    root.querySelectorAll(".chart[data-spec]").forEach(function (element) {
      if (element.dataset.drawn) {
        return;
      }
      var source = document.getElementById(element.dataset.spec);
      if (!source) {
        return;
      }
      element.dataset.drawn = "pending";
      var spec = JSON.parse(source.textContent);
      // ast: Vega expressions run in the bundled interpreter, not as generated code,
      // so that the strict Content-Security-Policy (no unsafe-eval) holds.
      window
        .vegaEmbed(element, spec, {
          actions: false,
          ast: true,
          renderer: "svg",
          defaultStyle: false,
          tooltip: false,
        })
        .then(function () {
          element.dataset.drawn = "yes";
        })
        .catch(function (error) {
          element.dataset.drawn = "failed";
          element.textContent = "The chart could not be drawn: " + error.message;
        });
    });
  }

  function setUpPrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  function setUpConfirm() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form instanceof HTMLFormElement && form.dataset.confirm) {
        if (!window.confirm(form.dataset.confirm)) {
          event.preventDefault();
        }
      }
    });
  }

  function describeFiles(list) {
    var names = [];
    for (var i = 0; i < list.length; i += 1) {
      names.push(list[i].name);
    }
    return names.length ? names.join(", ") : "No file chosen yet.";
  }

  function setUpImport() {
    var form = document.getElementById("import-form");
    if (!form || !window.XMLHttpRequest || !window.FormData) {
      return;
    }
    var input = form.querySelector("input[type=file]");
    var zone = document.getElementById("dropzone");
    var chosen = document.getElementById("chosen-files");
    var progress = document.getElementById("upload-progress");
    var status = document.getElementById("upload-status");
    var result = document.getElementById("import-result");

    input.addEventListener("change", function () {
      chosen.textContent = describeFiles(input.files);
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dropzone--over");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.remove("dropzone--over");
      });
    });
    zone.addEventListener("drop", function (event) {
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        chosen.textContent = describeFiles(input.files);
      }
    });

    form.addEventListener("submit", function (event) {
      if (!input.files.length) {
        return; // let the server say that no file was chosen
      }
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("HX-Request", "true");
      request.setRequestHeader("X-CSRF-Token", form.elements.csrf_token.value);
      progress.hidden = false;
      progress.value = 0;
      status.textContent = "Uploading…";
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          progress.value = Math.round((e.loaded / e.total) * 100);
          status.textContent = "Uploading… " + progress.value + " %";
        }
      });
      request.upload.addEventListener("load", function () {
        progress.removeAttribute("value"); // indeterminate while the server imports
        status.textContent = "Uploaded. Importing…";
      });
      request.addEventListener("load", function () {
        progress.hidden = true;
        status.textContent = request.status < 400 ? "Done." : "The import was refused.";
        result.innerHTML = request.responseText; // server-rendered, escaped HTML
        result.focus();
      });
      request.addEventListener("error", function () {
        progress.hidden = true;
        status.textContent = "The upload failed: is the server still running?";
      });
      request.send(new FormData(form));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts(document);
    setUpPrint();
    setUpConfirm();
    setUpImport();
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    drawCharts(event.target);
  });
})();
